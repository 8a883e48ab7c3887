// Question banks from documents (issue 15, Speed): 5,000 questions from a Word document and
// from a Moodle XML file, each read, parsed, checked (preview) and written in one transaction
// through importQuestionDocument, the path the document import page's commit takes, in this
// process against a fresh database. The multipart upload in front of it is not timed here
// (bench/import.bench.ts times that for spreadsheets over HTTP). `docx_ms` and `moodle_xml_ms`
// are the medians of RUNS runs on SQLite; PostgreSQL is reported beside it.
// Run: npx tsx bench/bank-import.bench.ts [questions]   env BENCH_PROVIDERS=sqlite,postgresql BENCH_RUNS=1
//   → bench/results/bank-import.json
import { loadavg } from 'node:os'
import type { QuestionContent } from '#app/exams/bank/question-types.ts'
import type { BankColumn } from '#app/exams/import/columns.ts'
import { median, prepareBenchDatabase, requestedProviders, writeBenchResult } from './bench-support.ts'

const QUESTIONS = Number(process.argv[2] ?? 5000)
const RUNS = Number(process.env.BENCH_RUNS ?? 1)
const TARGETS = { docx_ms: 10_000, moodle_xml_ms: 10_000 }

const { createDb } = await import('#app/utils/db-client.server.ts')
const { importQuestionDocument, readQuestionDocument } = await import('#app/exams/import/document-import.server.ts')
const { toMoodleXml } = await import('#app/exams/import/moodle-export.ts')
const { parseBankRow } = await import('#app/exams/import/parse-row.ts')
const { questionDocx } = await import('../tests/fixtures/bank-import/make-docx.ts')

const round1 = (value: number) => Math.round(value * 10) / 10
const SECTIONS = ['单项选择题', '多项选择题', '判断题', '填空题', '简答题'] as const

/** Paragraphs of a Word bank: five sections, QUESTIONS / 5 questions each, stems unique per run. */
function docxParagraphs(run: number) {
	const per = Math.ceil(QUESTIONS / SECTIONS.length)
	const lines: string[] = []
	SECTIONS.forEach((section, s) => {
		lines.push(`${'一二三四五'[s]}、${section}（每题${s < 3 ? 1 : s === 3 ? 2 : 10}分）`)
		for (let i = 1; i <= per && s * per + i <= QUESTIONS; i++) {
			const stem = `文档压测 ${run}-${s}-${i}：关于预算执行与专项资金管理的说法`
			if (s === 0) lines.push(`${i}. ${stem}，正确的是（ ）。`, 'A. 甲说法 B. 乙说法 C. 丙说法 D. 丁说法', '答案：B', '解析：依据预算法。')
			if (s === 1) lines.push(`${i}. ${stem}，正确的有（ ）。`, 'A. 甲', 'B. 乙', 'C. 丙', 'D. 丁', '正确答案：A、C', '解析：依据审计法。')
			if (s === 2) lines.push(`${i}. ${stem}是否成立。（×）`)
			if (s === 3) lines.push(`${i}. ${stem}：____和____。`, '答案：真实性；合法性')
			if (s === 4) lines.push(`${i}. ${stem}，请简述。`, '参考答案：', '1. 核实资金拨付情况；', '2. 定性并提出处理意见。')
		}
	})
	return lines
}

function moodleContents(run: number): QuestionContent[] {
	return Array.from({ length: QUESTIONS }, (_, i) => {
		const stem = `Moodle 压测 ${run}-${i}：关于预算执行与专项资金管理的说法`
		const common = { 专题: ['财政', '经责', '固投', '综合'][i % 4]!, 难度: String((i % 5) + 1), 标签: `压测、批次${i % 50}`, 解析: `第${i}题的解析。` }
		const cells: Partial<Record<BankColumn, string>> = [
			{ 题型: '单选', 分值: '1', 题干: `${stem}，正确的是（ ）`, 选项A: '甲', 选项B: '乙', 选项C: '丙', 选项D: '丁', 答案: 'B' },
			{ 题型: '多选', 分值: '2', 题干: `${stem}，正确的有（ ）`, 选项A: '甲', 选项B: '乙', 选项C: '丙', 选项D: '丁', 选项E: '戊', 答案: 'ACE' },
			{ 题型: '判断', 分值: '1', 题干: `${stem}是否成立。`, 答案: '错误' },
			{ 题型: '填空', 分值: '2', 题干: `${stem}：____和____。`, 答案: '真实性|真实；合法性' },
			{ 题型: '简答', 分值: '10', 题干: `${stem}，请简述。`, 答案: '参考答案'.padEnd(200, '要点'), 评分要点: '要点一 5 分；要点二 5 分' },
		][i % 5]!
		const parsed = parseBankRow({ ...common, ...cells })
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
		return parsed.content
	})
}

type Sample = { readMs: number; importMs: number; totalMs: number; imported: number }

async function importOnce(db: ReturnType<typeof createDb>, actorId: string, fileName: string, data: Uint8Array): Promise<Sample> {
	const started = performance.now()
	const read = await readQuestionDocument({ fileName, data }, { topic: 'general', difficulty: '3', points: '1' })
	if (!read.ok) throw new Error(read.error)
	const readMs = performance.now() - started
	const outcome = await importQuestionDocument(db, { document: read.document, fileName, mode: 'all', actorId })
	const totalMs = performance.now() - started
	if (!outcome.ok || outcome.imported !== QUESTIONS) throw new Error(`${fileName}: ${outcome.reason} (${outcome.imported})`)
	return { readMs: round1(readMs), importMs: round1(totalMs - readMs), totalMs: round1(totalMs), imported: outcome.imported }
}

async function benchProvider(provider: 'sqlite' | 'postgresql', files: { docx: Uint8Array[]; xml: Uint8Array[] }) {
	const database = await prepareBenchDatabase(provider, 'bankdoc')
	const db = createDb(database.url)
	try {
		const unit = await db.unit.create({ data: { name: '压测单位', kind: 'department' } })
		const admin = await db.user.create({ data: { username: 'bench-admin', name: '压测管理员', unitId: unit.id, mustChangePassword: false, roles: { create: [{ role: 'admin' }] } } })
		const docx: Sample[] = []
		const xml: Sample[] = []
		for (let run = 0; run < RUNS; run++) {
			docx.push(await importOnce(db, admin.id, `bench-${run}.docx`, files.docx[run]!))
			xml.push(await importOnce(db, admin.id, `bench-${run}.xml`, files.xml[run]!))
		}
		const result = {
			provider,
			docxMsMedian: median(docx.map((s) => s.totalMs)),
			moodleXmlMsMedian: median(xml.map((s) => s.totalMs)),
			docx,
			xml,
			questionsStored: await db.question.count(),
			loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
		}
		console.log(`${provider}：Word ${QUESTIONS} 道 ${result.docxMsMedian} ms（读取 ${docx.map((s) => s.readMs).join('/')} ms），Moodle XML ${result.moodleXmlMsMedian} ms（读取 ${xml.map((s) => s.readMs).join('/')} ms）；目标 < 10,000 ms`)
		return result
	} finally {
		await db.$disconnect()
		await database.drop()
	}
}

const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100)
const files = {
	docx: await Promise.all(Array.from({ length: RUNS }, async (_, run) => new Uint8Array(await questionDocx(docxParagraphs(run))))),
	xml: Array.from({ length: RUNS }, (_, run) => new TextEncoder().encode(toMoodleXml(moodleContents(run)))),
}
const results: Awaited<ReturnType<typeof benchProvider>>[] = []
for (const provider of await requestedProviders()) results.push(await benchProvider(provider, files))
const primary = results[0]
if (!primary) throw new Error('没有可测的数据库')
const metricsOf = (result: (typeof results)[number]) => ({ docx_ms: result.docxMsMedian, moodle_xml_ms: result.moodleXmlMsMedian })
writeBenchResult('bank-import', {
	metrics: metricsOf(primary),
	targets: TARGETS,
	parameters: {
		questions: QUESTIONS,
		runs: RUNS,
		docxBytes: files.docx[0]!.length,
		moodleXmlBytes: files.xml[0]!.length,
		importIs: 'readQuestionDocument (mammoth or saxes, then the parser) + importQuestionDocument mode all (preview checks and one transaction), in process; no HTTP upload',
		metricsAreOf: primary.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL',
	},
	loadAverageAtStart,
	variants: results.map((result) => ({ label: result.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL', metrics: metricsOf(result) })),
	results,
})
console.log('结果已写入 bench/results/bank-import.json')
if (results.some((r) => r.docxMsMedian >= TARGETS.docx_ms || r.moodleXmlMsMedian >= TARGETS.moodle_xml_ms)) process.exitCode = 1
process.exit()
