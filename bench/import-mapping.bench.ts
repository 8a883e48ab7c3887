// The column-mapping path's cost (ADR 026): 5,000 questions from the template layout and from a
// bureau's own layout (题目/选项 in one cell/正确答案/分数/知识点/难度, no 题型: every type
// inferred, every options cell split) through importBankFile in this process, into one fresh
// database, alternating, three runs each; prints the medians. The HTTP bench (import.bench.ts)
// measures the template layout through the server against the < 10 s target.
// Run: npx tsx bench/import-mapping.bench.ts [rows]   env BENCH_PROVIDERS=sqlite,postgresql
import { loadavg } from 'node:os'
import type { BankColumn } from '#app/exams/import/columns.ts'
import { median, postgresReachable, prepareBenchDatabase } from './bench-support.ts'

const ROWS = Number(process.argv[2] ?? 5000)
const RUNS = 3
const { BANK_SHEET_COLUMNS } = await import('#app/exams/import/bank-export.ts')
const { BANK_COLUMNS } = await import('#app/exams/import/columns.ts')
const { importBankFile } = await import('#app/exams/import/bank-import.server.ts')
const { createDb } = await import('#app/utils/db-client.server.ts')
const { writeXlsx } = await import('#app/utils/xlsx.server.ts')

const TOPICS = ['财政', '经责', '固投', '综合']
const TYPES = ['单选', '多选', '判断', '填空', '简答'] as const

function templateRow(i: number, run: number): Partial<Record<BankColumn, string>> {
	const stem = `映射压测 模板 ${run}-${i}：关于预算执行与专项资金管理的说法`
	const common = { 专题: TOPICS[i % 4]!, 难度: String((i % 5) + 1), 分值: '2', 解析: `第${i}题的解析。` }
	switch (TYPES[i % 5]) {
		case '单选':
			return { ...common, 题型: '单选', 题干: `${stem}，正确的是（ ）`, 选项A: '甲说法', 选项B: '乙说法', 选项C: '丙说法', 选项D: '丁说法', 答案: 'B' }
		case '多选':
			return { ...common, 题型: '多选', 题干: `${stem}，正确的有（ ）`, 选项A: '甲', 选项B: '乙', 选项C: '丙', 选项D: '丁', 答案: 'ACD' }
		case '判断':
			return { ...common, 题型: '判断', 题干: `${stem}是否成立。`, 答案: '错误' }
		case '填空':
			return { ...common, 题型: '填空', 题干: `${stem}：____。`, 答案: '真实性' }
		default:
			return { ...common, 题型: '简答', 题干: `${stem}，请简述。`, 答案: '参考答案：'.padEnd(200, '要点') }
	}
}

const FOREIGN_HEADERS = ['序号', '题目', '选项', '正确答案', '答案解析', '分数', '知识点', '难度']
function foreignRow(i: number, run: number): string[] {
	const row = templateRow(i, run)
	const stem = row.题干!.replace('模板', '自有')
	const options = (['选项A', '选项B', '选项C', '选项D'] as const).map((c, k) => (row[c] ? `${'ABCD'[k]}、${row[c]}` : '')).filter(Boolean)
	const difficulty = ['易', '较易', '中', '较难', '难'][i % 5]!
	return [String(i + 1), stem, options.join('\n'), row.答案!, row.解析!, `${row.分值}分`, row.专题!, difficulty]
}

async function files(run: number) {
	const template = await writeXlsx([{ name: '题目', columns: BANK_SHEET_COLUMNS, rows: Array.from({ length: ROWS }, (_, i) => BANK_COLUMNS.map((c) => templateRow(i, run)[c] ?? '')) }])
	const foreign = await writeXlsx([{ name: '题库', columns: FOREIGN_HEADERS.map((header) => ({ header, text: true })), rows: Array.from({ length: ROWS }, (_, i) => foreignRow(i, run)) }])
	return { template, foreign }
}

const requested = (process.env.BENCH_PROVIDERS ?? 'sqlite').split(',') as ('sqlite' | 'postgresql')[]
const made = await Promise.all(Array.from({ length: RUNS }, (_, run) => files(run)))
for (const provider of requested) {
	if (provider === 'postgresql' && !(await postgresReachable())) continue
	const database = await prepareBenchDatabase(provider, 'import_mapping')
	const db = createDb(database.url)
	const samples = { template: [] as number[], foreign: [] as number[] }
	try {
		for (const { template, foreign } of made) {
			for (const [layout, data] of [['template', template], ['foreign', foreign]] as const) {
				const started = performance.now()
				const outcome = await importBankFile(db, { data, fileName: `${layout}.xlsx`, mode: 'all', actorId: null, actorName: '映射压测' })
				const ms = Math.round(performance.now() - started)
				if (!outcome.ok || outcome.imported !== ROWS) throw new Error(`${layout}: ${outcome.reason} ${outcome.preview.problems.slice(0, 3).map((p) => p.message).join('；')}`)
				samples[layout].push(ms)
			}
		}
	} finally {
		await db.$disconnect()
		await database.drop()
	}
	console.log(
		`${provider}：${ROWS} 道，模板格式中位数 ${median(samples.template)} ms（${samples.template.join(' / ')}），自有格式（映射、拆分选项、推断题型）中位数 ${median(samples.foreign)} ms（${samples.foreign.join(' / ')}）；负载 ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`,
	)
}
process.exit()
