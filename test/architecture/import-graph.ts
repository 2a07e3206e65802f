// Reads the import graph of src/: every file's static, re-export and dynamic imports, resolved to files or packages.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** One file's imports: project files (paths relative to the root, `src/…`) and bare package specifiers. */
export interface FileImports {
  file: string;
  files: string[];
  packages: string[];
}

const SOURCE = /\.(ts|mts|mjs|js)$/;

/** Every source file under `dir` (relative to `root`), sorted. */
export function listSources(root: string, dir = "src"): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(join(root, at), { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

/** The imports of each file, read with TypeScript's own pre-processor (type-only imports included). */
export function readImports(root: string, files: readonly string[]): FileImports[] {
  return files.map((file) => {
    const info = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
    const local: string[] = [];
    const packages: string[] = [];
    for (const { fileName: specifier } of info.importedFiles) {
      if (specifier.startsWith(".")) local.push(relative(root, resolve(root, dirname(file), specifier)));
      else if (!specifier.startsWith("node:")) packages.push(specifier);
    }
    return { file, files: local, packages };
  });
}

/** The top folder of a `src/…` path: `src/digest/x.ts` → `digest`; a file directly in src/ is its own node. */
export function folderOf(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? (parts[1] ?? file) : file;
}

/** Strongly connected groups of more than one node (each one a cycle), by Tarjan's algorithm. */
export function findCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || edges.get(node)?.has(node)) cycles.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
