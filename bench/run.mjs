// `npm run bench`: runs every bench/*.bench.{ts,mjs} in turn (they share 2 cores, so
// never in parallel). Each writes its JSON to bench/results/; bench/summary.mjs then writes
// bench/results/summary.md (every metric against its target).
// `npm run bench -- surge lesson` runs only those; `--quick` sets BENCH_QUICK=1 (the surge saves
// for 1 minute instead of 10).
// Benchmarks report medians and ratios: these machines are shared and noisy.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ensureBuild, ensureClients } from '../scripts/setup.mjs'

const root = new URL('..', import.meta.url).pathname
const quick = process.argv.includes('--quick')
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const files = readdirSync(join(root, 'bench'))
	.filter((f) => /\.bench\.(ts|mjs)$/.test(f))
	.filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
	.sort()

ensureClients()
ensureBuild()
let failed = 0
for (const file of files) {
	console.log(`\n=== ${file} ===`)
	const result = spawnSync('npx', ['tsx', join('bench', file)], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', ...(quick ? { BENCH_QUICK: '1' } : {}) } })
	if (result.status !== 0) {
		failed++
		console.error(`✗ ${file} 失败`)
	}
}
spawnSync('node', [join('bench', 'summary.mjs')], { cwd: root, stdio: 'inherit' })
console.log(`\n${files.length - failed} 个基准完成，${failed} 个失败；结果见 bench/results/`)
process.exit(failed ? 1 : 0)
