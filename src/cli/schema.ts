/**
 * npm run -s schema [-- --pretty]
 * Prints the JSON Schema of a step reply exactly as the WebLLM engine sends it in
 * `response_format.schema` (the same value, not a copy), so it can be checked with other tools and
 * reused with other grammar engines. --pretty indents it for reading (the engine sends it compact).
 */
import { ACTION_JSON_SCHEMA } from '../core/protocol/schema';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--pretty');
if (unknown.length > 0) {
  process.stderr.write(`unknown argument ${unknown[0]}\nusage: npm run -s schema [-- --pretty]\n`);
  process.exit(2);
}
const text = args.includes('--pretty') ? JSON.stringify(JSON.parse(ACTION_JSON_SCHEMA), null, 2) : ACTION_JSON_SCHEMA;
process.stdout.write(`${text}\n`);
