/**
 * Declarations for xml-writer (CommonJS, ships none): the part export-graph.ts uses. It is the
 * writer graphology-gexf writes GEXF with, so both XML exports escape text the same way.
 */
declare module 'xml-writer' {
  class XMLWriter {
    /** `indent`: a string to indent with, or false for one line. */
    constructor(indent?: boolean | string);
    startDocument(version?: string, encoding?: string, standalone?: boolean): this;
    endDocument(): this;
    startElement(name: string): this;
    endElement(): this;
    /** Escapes &, <, ", tab and line breaks. */
    writeAttribute(name: string, value: string | number): this;
    /** Escapes &, < and >. */
    text(content: string | number): this;
    /** Closes every open element and returns the document. */
    toString(): string;
  }
  export = XMLWriter;
}
