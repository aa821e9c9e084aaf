import type { Feature, Geometry } from 'geojson';
import { numericToAlpha2 } from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A country outline with the ISO 3166-1 alpha-2 code the seed's region ids are built from. */
export interface Country {
  iso2: string;
  name: string;
  shape: Feature<Geometry>;
}

/** Natural Earth 1:50m countries (world-atlas) as countries with ISO codes; outlines with no code are kept, unnamed by code. */
export function countriesOf(topology: Topology<{ countries: GeometryCollection<{ name: string }> }>): Country[] {
  const collection = feature(topology, topology.objects.countries);
  return collection.features.map((f) => ({
    iso2: (f.id !== undefined && numericToAlpha2(String(f.id))) || '',
    name: f.properties?.name ?? '',
    shape: f as Feature<Geometry>,
  }));
}

let world: Promise<Country[]> | null = null;

/**
 * The world's outlines, bundled with the app (a separate chunk loaded when the map is first
 * shown): drawn locally, with no tile server and no request beyond the app's own files.
 */
export function loadWorld(): Promise<Country[]> {
  world ??= import('world-atlas/countries-50m.json').then((m) => countriesOf(m.default as unknown as Parameters<typeof countriesOf>[0]));
  return world;
}

/** The seed's region id for a country: `country-<iso2 lower case>` (seed/data/regions.yaml). */
export const regionIdOf = (iso2: string) => `country-${iso2.toLowerCase()}`;
