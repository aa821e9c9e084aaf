"""networkx side of the bring-your-own-network tests (test/server/networks.int.test.ts).

  python3 networkx_tool.py write DIR      writes the test networks as networkx, igraph-style and
                                          Gephi-style files, and prints what was written as JSON
  python3 networkx_tool.py read FILE FMT  reads a file (graphml, gexf, edgelist CSV) back with
                                          networkx and prints nodes, edges and direction as JSON
  python3 networkx_tool.py measures FILE  weighted and unweighted measures networkx computes on a
                                          GraphML file, as JSON (the reference values)
"""
import csv
import json
import sys

import networkx as nx


def les_miserables():
    # Weighted, undirected, names as ids.
    return nx.les_miserables_graph()


def davis():
    # Ids with spaces (the women's and events' names); a bipartite attribute.
    return nx.davis_southern_women_graph()


def weighted_directed():
    # A small directed, weighted graph with unicode and punctuation in its ids.
    g = nx.DiGraph()
    g.add_node('Zoë', group=1, score=0.5)
    g.add_node('a/b', group=2, score=1.5)
    g.add_node('c d', group=2, score=2.0)
    g.add_node('e', group=1, score=0.0)
    g.add_edge('Zoë', 'a/b', weight=1.0, label='x')
    g.add_edge('a/b', 'c d', weight=2.5, label='y')
    g.add_edge('c d', 'Zoë', weight=0.5, label='z')
    g.add_edge('Zoë', 'e', weight=4.0, label='w')
    g.add_edge('e', 'c d', weight=1.0, label='v')
    return g


def karate():
    g = nx.karate_club_graph()
    return nx.relabel_nodes(g, {n: str(n) for n in g})


def write(folder):
    written = {}
    nx.write_graphml(les_miserables(), f'{folder}/lesmis.graphml')
    written['lesmis'] = 'lesmis.graphml'
    nx.write_graphml(weighted_directed(), f'{folder}/wdir.graphml')
    written['wdir'] = 'wdir.graphml'
    nx.write_gexf(davis(), f'{folder}/davis.gexf')
    written['davis'] = 'davis.gexf'
    nx.write_gexf(weighted_directed(), f'{folder}/wdir.gexf')
    written['wdir_gexf'] = 'wdir.gexf'
    g = karate()
    with open(f'{folder}/karate.csv', 'w', newline='') as f:
        out = csv.writer(f)
        out.writerow(['source', 'target', 'weight'])
        for u, v, w in g.edges(data='weight'):
            out.writerow([u, v, w])
    written['karate'] = 'karate.csv'
    print(json.dumps(written))


def read(path, fmt):
    if fmt == 'graphml':
        g = nx.read_graphml(path)
    elif fmt == 'gexf':
        g = nx.read_gexf(path)
    else:
        with open(path, newline='') as f:
            rows = list(csv.DictReader(f))
        g = nx.Graph()
        for r in rows:
            r = {k.lower(): v for k, v in r.items()}
            g.add_edge(r['source'], r['target'], **{k: float(v) for k, v in r.items() if k == 'weight' and v != ''})
    print(json.dumps(summary(g)))


def summary(g):
    return {
        'directed': g.is_directed(),
        'nodes': {str(n): attrs for n, attrs in g.nodes(data=True)},
        'edges': sorted([[str(u), str(v), attrs] for u, v, attrs in g.edges(data=True)], key=lambda e: (e[0], e[1])),
    }


def measures(path):
    g = nx.read_graphml(path)
    u = g.to_undirected() if g.is_directed() else g
    print(json.dumps({
        'directed': g.is_directed(),
        'pagerank': nx.pagerank(g, weight=None, tol=1e-12, max_iter=1000),
        'pagerank_weighted': nx.pagerank(g, weight='weight', tol=1e-12, max_iter=1000),
        'betweenness': nx.betweenness_centrality(u, weight=None, normalized=True),
        'betweenness_weighted': nx.betweenness_centrality(u, weight='weight', normalized=True),
        'closeness': nx.closeness_centrality(u, distance=None),
        'closeness_weighted': nx.closeness_centrality(u, distance='weight'),
        'paths_weighted': shortest_paths(u),
    }))


def shortest_paths(g):
    # The weighted shortest paths between the first node and the node farthest from it by hops.
    nodes = list(g)
    hops = nx.single_source_shortest_path_length(g, nodes[0])
    target = max(hops, key=lambda n: (hops[n], str(n)))
    return {
        'source': nodes[0],
        'target': target,
        'length': nx.shortest_path_length(g, nodes[0], target, weight='weight'),
        'paths': sorted(nx.all_shortest_paths(g, nodes[0], target, weight='weight')),
    }


if __name__ == '__main__':
    command = sys.argv[1]
    if command == 'write':
        write(sys.argv[2])
    elif command == 'read':
        read(sys.argv[2], sys.argv[3])
    else:
        measures(sys.argv[2])
