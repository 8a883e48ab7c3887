// Writes bench/results/summary.md from every bench/results/*.json that has a top-level
// `metrics` object: one row per metric with its target and whether it was met, the other
// variants of the run (another database, more processes) beside it, and where each result
// came from (date, machine, load average). `npm run bench` runs it last; it can be run alone:
//   node bench/summary.mjs
// A target is a ceiling (met when the figure is below it; a ceiling of 0 is met by 0) unless
// the result's `targetDirection` names it 'min', or its key ends in `_per_s` or starts with
// `ratio` (rates and ratios are floors: met at or above).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const resultsDir = new URL('./results/', import.meta.url).pathname

export function isFloor(key, result) {
	const stated = result.targetDirection?.[key]
	if (stated) return stated === 'min'
	return key.endsWith('_per_s') || key.startsWith('ratio')
}

export function targetMet(key, value, target, result) {
	if (typeof value !== 'number' || Number.isNaN(value)) return false
	if (isFloor(key, result)) return value >= target
	return target === 0 ? value <= 0 : value < target
}

function formatNumber(value) {
	if (typeof value !== 'number' || Number.isNaN(value)) return '—'
	return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

function formatTarget(key, target, result) {
	if (target === undefined) return '—'
	if (isFloor(key, result)) return `≥ ${formatNumber(target)}`
	return target === 0 ? '0' : `< ${formatNumber(target)}`
}

function describeMachine(result) {
	const machine = result.machine
	const load = machine?.loadAverage
	const loadText = Array.isArray(load) ? load.join(' / ') : load ? `${(load.atStart ?? []).join(' / ')} → ${(load.atEnd ?? []).join(' / ')}` : (result.results?.[0]?.loadAverageAtEnd ?? []).join(' / ') || '—'
	const cores = machine?.cores ?? result.results?.[0]?.cores ?? '—'
	const memory = machine?.memoryGb ? `${machine.memoryGb} GB` : '—'
	return { cores, memory, node: machine?.node ?? result.node ?? '—', load: loadText }
}

export function summarise(results) {
	const lines = ['# Benchmark summary', '', `Written by \`node bench/summary.mjs\` (the last step of \`npm run bench\`) on ${new Date().toISOString()}.`, '']
	lines.push('| benchmark | metric | value | target | met | beside it |', '| --- | --- | --- | --- | --- | --- |')
	const missing = []
	for (const result of results) {
		if (!result.metrics) {
			missing.push(result.benchmark)
			continue
		}
		const others = (result.variants ?? []).filter((variant) => variant.label !== result.parameters?.metricsAreOf)
		const keys = [...new Set([...Object.keys(result.metrics), ...Object.keys(result.targets ?? {})])]
		for (const key of keys) {
			const value = result.metrics[key]
			const target = result.targets?.[key]
			const met = target === undefined ? '' : targetMet(key, value, target, result) ? '✅ met' : '❌ not met'
			const beside = others
				.map((variant) => {
					const v = variant.metrics?.[key]
					if (v === undefined) return null
					const mark = target === undefined ? '' : targetMet(key, v, target, result) ? ' ✅' : ' ❌'
					return `${variant.label}: ${formatNumber(v)}${mark}`
				})
				.filter(Boolean)
				.join('; ')
			lines.push(`| ${result.benchmark} | \`${key}\` | ${formatNumber(value)} | ${formatTarget(key, target, result)} | ${met} | ${beside} |`)
		}
	}
	lines.push('', 'The value column is the first variant of each run; its label is below. A benchmark run with `--quick` is marked.', '')
	lines.push('| benchmark | date | value column is | quick | cores | memory | Node | load average (1 / 5 / 15 min) |', '| --- | --- | --- | --- | --- | --- | --- | --- |')
	for (const result of results.filter((r) => r.metrics)) {
		const m = describeMachine(result)
		lines.push(`| ${result.benchmark} | ${result.date ?? '—'} | ${result.parameters?.metricsAreOf ?? 'SQLite'} | ${result.parameters?.quick ? 'yes' : 'no'} | ${m.cores} | ${m.memory} | ${m.node} | ${m.load} |`)
	}
	if (missing.length) lines.push('', `Results without a \`metrics\` object (not summarised): ${missing.join(', ')}.`)
	return `${lines.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const results = readdirSync(resultsDir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ benchmark: path.basename(name, '.json'), ...JSON.parse(readFileSync(path.join(resultsDir, name), 'utf8')) }))
	writeFileSync(path.join(resultsDir, 'summary.md'), summarise(results))
	console.log('摘要已写入 bench/results/summary.md')
}
