// `npm run bench`: Hearth and ngIRCd side by side on this machine. See docs/performance.md.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBench } from './bench';
import { parseOptions } from './options';
import { printTable, writeDoc } from './report';
import { standaloneScenario } from './standalone';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  const results = await runBench(options, log);
  printTable(results, log);
  if (options.jsonOut) writeFileSync(options.jsonOut, JSON.stringify(results, null, 2));
  if (options.writeDoc) {
    const doc = join(__dirname, '..', 'docs', 'performance.md');
    writeDoc(doc, results);
    log(`\nwrote the results into ${doc}`);
  }
}

(standaloneScenario(process.argv.slice(2)) ?? main)().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
