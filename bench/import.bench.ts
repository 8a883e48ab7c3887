// Bank import over HTTP (issue 13): 5,000 questions of every type from an .xlsx, through the
// real import routes as the import page sends them (POST /bank/import/run as multipart, step
// preview, then step commit), signed in as an admin, against the production server on loopback.
// `import_ms` is the commit request from sending the upload to the streamed "done" event: the
// upload, every row checked again and all questions written in one transaction. The preview
// before it is reported beside it (`preview_ms`), and so is the whole flow. Three runs per
// provider into one fresh database, each file with stems of its own so none is a duplicate;
// the median is compared with the target (< 10 s). SQLite with one server process gives the
// top-level metrics; PostgreSQL is reported beside it.
// Run: npx tsx bench/import.bench.ts [rows]   env BENCH_PROVIDERS=sqlite,postgresql
//   → bench/results/import.json
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { loadavg } from 'node:os'
import type { BankColumn } from '#app/exams/import/columns.ts'
import { median, prepareBenchDatabase, requestedProviders, serverSnapshot, startBenchServer, stopBenchServer, writeBenchResult } from './bench-support.ts'

process.env.SESSION_SECRET = randomBytes(32).toString('hex')
process.env.NODE_ENV = 'production'

const ROWS = Number(process.argv[2] ?? 5000)
const RUNS = 3
const PORT = Number(process.env.BENCH_PORT ?? 3480)
const TARGETS = { import_ms: 10_000 }

const { BANK_SHEET_COLUMNS } = await import('#app/exams/import/bank-export.ts')
const { BANK_COLUMNS } = await import('#app/exams/import/columns.ts')
const { createDb } = await import('#app/utils/db-client.server.ts')
const { createSession, commitSessionCookie } = await import('#app/utils/session.server.ts')
const { writeXlsx } = await import('#app/utils/xlsx.server.ts')
type Event = { type: 'progress' | 'preview' | 'done' | 'error'; preview?: { validCount: number; badRowCount: number }; outcome?: { ok: boolean; imported: number; reason: string | null }; message?: string }

const round1 = (value: number) => Math.round(value * 10) / 10

function benchRow(i: number, run: number): Partial<Record<BankColumn, string>> {
	const common = { 专题: ['财政', '经责', '固投', '综合'][i % 4]!, 难度: String((i % 5) + 1), 标签: `压测、批次${i % 50}`, 解析: `第${i}题的解析，说明依据与思路。`, 法规依据: '《中华人民共和国审计法》第二十二条（生效：2022-01-01）' }
	const stem = `压测题目 ${run}-${i}：关于预算执行与专项资金管理的说法`
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



async function benchFile(run: number) {
	const rows = Array.from({ length: ROWS }, (_, i) => benchRow(i, run))
	return writeXlsx([{ name: '题目', columns: BANK_SHEET_COLUMNS, rows: rows.map((row) => BANK_COLUMNS.map((c) => row[c] ?? '')) }])
}

/** One request to the import route, read to its last streamed event; the time is to that event. */
async function postImport(origin: string, cookie: string, step: 'preview' | 'commit', file: Buffer) {
	const form = new FormData()
	form.append('step', step)
	if (step === 'commit') {
		form.append('mode', 'all')
		form.append('defaultStatus', 'active')
	}
	form.append('file', new Blob([new Uint8Array(file)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'bench.xlsx')
	const started = performance.now()
	const response = await fetch(`${origin}/bank/import/run`, { method: 'POST', body: form, headers: { cookie, origin } })
	const text = await response.text()
	const ms = performance.now() - started
	if (response.status !== 200) throw new Error(`${step}: ${response.status} ${text.slice(0, 300)}`)
	const last = JSON.parse(text.trim().split('\n').at(-1)!) as Event
	return { ms: round1(ms), last }
}

async function benchProvider(provider: 'sqlite' | 'postgresql', files: Buffer[]) {
	const database = await prepareBenchDatabase(provider, 'import')
	const db = createDb(database.url)
	let server: ChildProcess | null = null
	try {
		const unit = await db.unit.create({ data: { name: '压测单位', kind: 'department' } })
		const admin = await db.user.create({ data: { username: 'bench-admin', name: '压测管理员', unitId: unit.id, mustChangePassword: false, roles: { create: [{ role: 'admin' }] } } })
		const cookie = (await commitSessionCookie((await createSession(db, admin.id)).token)).split(';')[0]!
		server = await startBenchServer({ databaseUrl: database.url, port: PORT, serverRoot: serverSnapshot() })
		const origin = `http://127.0.0.1:${PORT}`
		const samples = []
		for (const file of files) {
			const preview = await postImport(origin, cookie, 'preview', file)
			if (preview.last.type !== 'preview' || preview.last.preview?.validCount !== ROWS) throw new Error(`${provider}: preview ${JSON.stringify(preview.last).slice(0, 300)}`)
			const commit = await postImport(origin, cookie, 'commit', file)
			if (commit.last.type !== 'done' || commit.last.outcome?.imported !== ROWS) throw new Error(`${provider}: commit ${JSON.stringify(commit.last).slice(0, 300)}`)
			samples.push({ previewMs: preview.ms, importMs: commit.ms })
		}
		const stored = await db.question.count()
		if (stored !== ROWS * files.length) throw new Error(`${provider}: ${stored} questions stored, expected ${ROWS * files.length}`)
		const result = {
			provider,
			rows: ROWS,
			importMsMedian: median(samples.map((s) => s.importMs)),
			previewMsMedian: median(samples.map((s) => s.previewMs)),
			flowMsMedian: median(samples.map((s) => round1(s.previewMs + s.importMs))),
			samples,
			questionsStored: stored,
			loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
		}
		console.log(`${provider}：经 HTTP 导入 ${ROWS} 道题中位数 ${result.importMsMedian} ms（${samples.map((s) => s.importMs).join(' / ')}；目标 < ${TARGETS.import_ms} ms）；预览 ${result.previewMsMedian} ms`)
		return result
	} finally {
		if (server) await stopBenchServer(server)
		await db.$disconnect()
		await database.drop()
	}
}

const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100)
const files = await Promise.all(Array.from({ length: RUNS }, (_, run) => benchFile(run)))
const results: Awaited<ReturnType<typeof benchProvider>>[] = []
for (const provider of await requestedProviders()) results.push(await benchProvider(provider, files))
const metricsOf = (result: (typeof results)[number]) => ({ import_ms: result.importMsMedian, preview_ms: result.previewMsMedian, flow_ms: result.flowMsMedian })
const primary = results[0]
if (!primary) throw new Error('没有可测的数据库')
writeBenchResult('import', {
	metrics: metricsOf(primary),
	targets: TARGETS,
	parameters: {
		rows: ROWS,
		runs: RUNS,
		fileBytes: files[0]!.length,
		importIs: 'POST /bank/import/run step=commit (multipart .xlsx) until its streamed done event; preview_ms the same for step=preview; flow_ms both',
		serverProcesses: 1,
		metricsAreOf: primary.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL',
	},
	loadAverageAtStart,
	variants: results.map((result) => ({ label: result.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL', metrics: metricsOf(result) })),
	results,
})
console.log('结果已写入 bench/results/import.json')
if (results.some((r) => r.importMsMedian >= TARGETS.import_ms)) process.exitCode = 1
process.exit()
