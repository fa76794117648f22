// A child for atomicWrite.test.ts: saves a 1 MB JSON file over and over until killed, printing a
// line after each save, so the test can kill it in the middle of one.
import { writeFileAtomic } from '../atomicWrite';

const file = process.argv[2];
const fill = 'x'.repeat(1024 * 1024);
for (let n = 0; ; n++) {
  await writeFileAtomic(file, JSON.stringify({ n, fill }));
  process.stdout.write(`${n}\n`);
}
