// Bank import speed: 5,000 rows of every type from an .xlsx, read + preview + write in one
// transaction, on a fresh SQLite file and a fresh PostgreSQL database. Target: under 10 s.
// Three runs per provider, each on a fresh database; the median is compared with the target.
// Run: npm run bench -- bank-import   (or npx tsx bench/bank-import.bench.ts [rows])
//   → bench/results/bank-import.json
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { median, prepareBenchDatabase } from './bench-support.ts'
import { BANK_SHEET_COLUMNS, bankExportFile } from '#app/exams/import/bank-export.ts'
import { importBankFile } from '#app/exams/import/bank-import.server.ts'
import { BANK_COLUMNS, type BankColumn } from '#app/exams/import/columns.ts'
import { createDb, type DbProvider } from '#app/utils/db-client.server.ts'
import { writeXlsx } from '#app/utils/xlsx.server.ts'

const ROWS = Number(process.argv[2] ?? 5000)
const RUNS = 3
const TARGET_MS = 10_000
const root = path.resolve(import.meta.dirname, '..')

function benchRow(i: number): Partial<Record<BankColumn, string>> {
	const common = { 专题: ['财政', '经责', '固投', '综合'][i % 4]!, 难度: String((i % 5) + 1), 标签: `压测、批次${i % 50}`, 解析: `第${i}题的解析，说明依据与思路。`, 法规依据: '《中华人民共和国审计法》第二十二条（生效：2022-01-01）' }
	const stem = `压测题目 ${i}：关于预算执行与专项资金管理的说法`
	switch (i % 6) {
		case 0:
			return { ...common, 题型: '单选', 分值: '1', 题干: `${stem}，正确的是（ ）`, 选项A: '甲说法', 选项B: '乙说法', 选项C: '丙说法', 选项D: '丁说法', 答案: 'B' }
		case 1:
			return { ...common, 题型: '多选', 分值: '2', 题干: `${stem}，正确的有（ ）`, 选项A: '甲', 选项B: '乙', 选项C: '丙', 选项D: '丁', 选项E: '戊', 答案: 'A,C,E' }
		case 2:
			return { ...common, 题型: '判断', 分值: '1', 题干: `${stem}是否成立。`, 答案: '错误' }
		case 3:
			return { ...common, 题型: '填空', 分值: '2', 题干: `${stem}：____和____。`, 答案: '真实性|真实；合法性' }
		case 4:
			return { ...common, 题型: '简答', 分值: '10', 题干: `${stem}，请简述。`, 答案: '参考答案：'.padEnd(200, '要点'), 评分要点: '要点一 5 分；要点二 5 分' }
		default:
			return { ...common, 题型: '案例分析', 分值: '20', 题干: `${stem}。案例背景：`.padEnd(800, '某街道老旧小区改造项目'), 答案: '参考答案'.padEnd(600, '分析') }
	}
}


async function benchProvider(provider: DbProvider, file: Buffer) {
	const database = await prepareBenchDatabase(provider, 'bank')
	const db = createDb(database.url)
	try {
		await db.$queryRawUnsafe('SELECT 1')
		const start = performance.now()
		const outcome = await importBankFile(db, {
			data: file,
			fileName: 'bench.xlsx',
			mode: 'all',
			actorId: null,
			actorName: 'bench',
		})
		const totalMs = performance.now() - start
		if (!outcome.ok || outcome.imported !== ROWS) throw new Error(`${provider}: import failed: ${outcome.reason}`)
		const exportStart = performance.now()
		const exported = await bankExportFile(db, { flagged: false }, 'xlsx')
		const exportMs = performance.now() - exportStart
		return { importMs: Math.round(totalMs), exportMs: Math.round(exportMs), exportBytes: exported.body.length }
	} finally {
		await db.$disconnect()
		await database.drop()
	}
}


const rows = Array.from({ length: ROWS }, (_, i) => benchRow(i))
const file = await writeXlsx([{ name: '题目', columns: BANK_SHEET_COLUMNS, rows: rows.map((row) => BANK_COLUMNS.map((c) => row[c] ?? '')) }])
const results = []
for (const provider of ['sqlite', 'postgresql'] as const) {
	const samples = []
	for (let run = 0; run < RUNS; run++) samples.push(await benchProvider(provider, file))
	const importMs = median(samples.map((s) => s.importMs))
	const result = {
		provider,
		rows: ROWS,
		importMsMedian: importMs,
		importMsSamples: samples.map((s) => s.importMs),
		exportMsMedian: median(samples.map((s) => s.exportMs)),
		withinTarget: importMs < TARGET_MS,
	}
	console.log(`${provider}: 导入 ${ROWS} 行中位数 ${importMs} ms（${result.importMsSamples.join(' / ')}；目标 < ${TARGET_MS} ms）${result.withinTarget ? '✓' : '✗'}；导出中位数 ${result.exportMsMedian} ms`)
	results.push(result)
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(
	path.join(root, 'bench/results/bank-import.json'),
	`${JSON.stringify({ benchmark: 'bank-import', date: new Date().toISOString(), fileBytes: file.length, targetMs: TARGET_MS, runs: RUNS, node: process.version, results }, null, '\t')}\n`,
)
if (results.some((r) => !r.withinTarget)) process.exitCode = 1
