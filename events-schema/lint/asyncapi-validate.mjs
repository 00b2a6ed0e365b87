// Parses an AsyncAPI document with the official parser; prints every diagnostic and a closing count line.
// Exit code 1 when the document has errors.
import { Parser, fromFile } from '@asyncapi/parser';

const { document, diagnostics } = await fromFile(new Parser(), process.argv[2]).parse();
const errors = diagnostics.filter(d => d.severity === 0);
const warnings = diagnostics.filter(d => d.severity === 1);
for (const d of [...errors, ...warnings]) {
  console.log(`${d.severity === 0 ? 'error' : 'warning'} ${d.code} ${JSON.stringify(d.path)}: ${d.message}`);
}
console.log(`asyncapi: ${errors.length} errors, ${warnings.length} warnings, ${document ? 'valid' : 'invalid'}`);
process.exit(errors.length === 0 && document ? 0 : 1);
