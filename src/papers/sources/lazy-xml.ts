// fast-xml-parser loaded on the first parse (≈45 ms at start-up), so commands that never read arXiv XML skip it.
import { createRequire } from "node:module";
import type { X2jOptions, XMLParser } from "fast-xml-parser";

type FastXmlParser = typeof import("fast-xml-parser");

let library: FastXmlParser | undefined;

/** fast-xml-parser's CommonJS build, required on first use (synchronous, so parsers stay pure functions). */
function fastXmlParser(): FastXmlParser {
  library ??= createRequire(import.meta.url)("fast-xml-parser") as FastXmlParser;
  return library;
}

/** An XML parser with `options`, built on the first call of the function returned. */
export function lazyXmlParser(options: Partial<X2jOptions>): () => XMLParser {
  let parser: XMLParser | undefined;
  return () => {
    parser ??= new (fastXmlParser().XMLParser)(options);
    return parser;
  };
}

/** fast-xml-parser's validator: true, or the first error it found. */
export function validateXml(text: string): ReturnType<FastXmlParser["XMLValidator"]["validate"]> {
  return fastXmlParser().XMLValidator.validate(text);
}
