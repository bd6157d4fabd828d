// Validate .docx files with @ooxml-tools/validate (the Open XML SDK rules, compiled to
// WebAssembly) in ONE Node process: the runtime takes seconds to start, each file then
// takes about a second. Usage: node ooxml_validate.mjs INSTALL_DIR FILE...
// Prints {"FILE": [finding, ...], ...} as JSON on stdout.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [installDir, ...files] = process.argv.slice(2);
const entry = path.join(installDir, "node_modules", "@ooxml-tools", "validate", "dist", "npm", "index.js");
const { default: validate } = await import(pathToFileURL(entry).href);
const results = {};
for (const file of files) {
  const data = new Uint8Array(await readFile(file));
  results[file] = await validate(data, "docx", "Microsoft365");
}
process.stdout.write(JSON.stringify(results));
