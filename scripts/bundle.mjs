// For `npm run build`: bundles src/ into dist/ with esbuild, so starting the bot or the CLI reads a few files
// instead of resolving and compiling ~1,500 modules one by one (Node 20 has no compile cache).
import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";

/**
 * Packages left to Node's own loader: native code (better-sqlite3 loads its .node file beside itself) and
 * citation-js, whose plugins register themselves into the core through requires esbuild cannot follow.
 */
export const EXTERNAL = ["better-sqlite3", "@citation-js/*"];

/** Entry files: the two programs share chunks; each other entry is one self-contained file at its old path. */
export const SHARED_ENTRIES = ["main.ts", "cli.ts"];
export const SINGLE_ENTRIES = [
  // Loaded by search-worker.mjs in every search thread.
  "papers/search-worker.ts",
  // check:image loads it alone to prove the image holds the term vectors beside the modules.
  "papers/embeddings/term-vector-file.ts",
];

/**
 * Builds dist/ from src/: main.js and cli.js with their lazily imported parts as shared chunks (the CLI still
 * loads only what its subcommand needs), and each single entry as one file where the unbundled build put it.
 */
export async function bundle(esbuild, root) {
  const src = join(root, "src");
  const dist = join(root, "dist");
  const common = {
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: EXTERNAL,
    // Class and function names as written: errors and logs print them.
    keepNames: true,
    // Bundled CommonJS packages require Node's built-ins; an ES module has no `require` of its own.
    banner: {
      js: 'import { createRequire as __paperboyRequire } from "node:module"; const require = __paperboyRequire(import.meta.url);',
    },
    logLevel: "warning",
    metafile: true,
  };
  const shared = await esbuild.build({
    ...common,
    entryPoints: SHARED_ENTRIES.map((entry) => join(src, entry)),
    outdir: dist,
    splitting: true,
    // Chunks sit beside main.js: every output file of this build is in dist/ itself (see sourceUrls).
    chunkNames: "chunk-[hash]",
    plugins: [sourceUrls(src, dist, dist)],
  });
  const outputs = Object.keys(shared.metafile.outputs).length;
  for (const entry of SINGLE_ENTRIES) {
    const outfile = join(dist, entry.replace(/\.ts$/, ".js"));
    await esbuild.build({
      ...common,
      entryPoints: [join(src, entry)],
      outfile,
      plugins: [sourceUrls(src, dist, dirname(outfile))],
    });
  }
  return outputs + SINGLE_ENTRIES.length;
}

/**
 * Modules find files beside them (prompts/, the playground page, term vectors, worker entries) through
 * `import.meta.url`; bundled, that is the URL of the output file. Each module's `import.meta.url` becomes the
 * URL its own compiled file would have under dist/, so `new URL("../x", import.meta.url)` still means what it
 * says: `outDir` is where every output file of the build holding the module lies.
 */
function sourceUrls(src, dist, outDir) {
  return {
    name: "source-urls",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, "utf8");
        if (!args.path.startsWith(src + sep) || !text.includes("import.meta.url")) return undefined;
        const compiled = join(dist, relative(src, args.path)).replace(/\.ts$/, ".js");
        const path = relative(outDir, compiled).split(sep).join("/");
        const url = `new URL(${JSON.stringify(path.startsWith(".") ? path : `./${path}`)}, import.meta.url).href`;
        return { contents: text.replaceAll("import.meta.url", url), loader: "ts" };
      });
    },
  };
}
