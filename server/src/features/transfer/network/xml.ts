import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

/** Broken XML: `field` is where (file:line:), the message what the parser found. */
export class XmlFormatError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a streaming XML reader does with tags: open and close (local names), and text inside. */
export interface XmlHandlers<T> {
  open(name: string, attrs: Record<string, string>, line: number, emit: (item: T) => void): void;
  close(name: string, text: string, emit: (item: T) => void): void;
}

/**
 * Streams an XML document through saxes (memory bounded by one element's text), handing tags to
 * the handlers and yielding what they emit as soon as each chunk is parsed. Broken XML is one
 * XmlFormatError naming the line. Used by the atlas GraphML reader and the plain-network readers.
 */
export async function* readXml<T>(input: Readable, file: string, handlers: XmlHandlers<T>): AsyncGenerator<T> {
  const parser = new SaxesParser({ position: true });
  const ready: T[] = [];
  const emit = (item: T) => ready.push(item);
  let text = '';
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= new XmlFormatError(`${file}:${parser.line}:`, `not well-formed XML (${error.message.split('\n')[0]})`);
  });
  parser.on('opentag', (tag) => {
    text = '';
    handlers.open(localName(tag), tag.attributes as Record<string, string>, parser.line, emit);
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    handlers.close(localName(tag), text, emit);
    text = '';
  });
  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    parser.write(chunk);
    if (failure) throw failure;
    yield* ready.splice(0);
  }
  parser.close();
  if (failure) throw failure;
  yield* ready.splice(0);
}

const localName = (tag: { name: string }) => tag.name.replace(/^.*:/, '');
