// `npm run bank:import -- FILE [--dry-run] [--valid-only] [--status draft|active] [--actor 工号]
//    [--map 题干=question,答案=answer,忽略=id] [--default 专题=财政,难度=中,分值=1]`
// Same code path and column mapping as the import page (ADR 026). Prints the mapping it used,
// every problem as 第N行 列名：原因 and the count imported; exits 1 when any row is invalid
// (even if --valid-only imported the others), 2 for a usage error.
import 'dotenv/config'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import { formatMappingProblem, formatProblem, importBankFile } from '#app/exams/import/bank-import.server.ts'
import { choiceLabel, IGNORE } from '#app/exams/import/column-mapping.ts'
import { parseDefaultsArg, parseMapArg } from '#app/exams/import/cli-mapping.ts'
import { createDb } from '#app/utils/db-client.server.ts'
import { TOPIC_LABELS } from '#app/utils/topics.ts'

const USAGE =
	'用法：npm run bank:import -- 文件.xlsx|文件.csv [--dry-run] [--valid-only] [--status draft|active] [--actor 工号] [--map 题干=question,答案=answer,忽略=id] [--default 专题=财政,难度=中,分值=1]'

function fail(message: string): never {
	console.error(message)
	process.exit(2)
}

let args: ReturnType<typeof parseCli>
function parseCli() {
	return parseArgs({
		allowPositionals: true,
		options: {
			'dry-run': { type: 'boolean', default: false },
			'valid-only': { type: 'boolean', default: false },
			status: { type: 'string', default: 'active' },
			actor: { type: 'string' },
			map: { type: 'string' },
			default: { type: 'string' },
		},
	})
}
try {
	args = parseCli()
} catch (error) {
	fail(`${(error as Error).message}\n${USAGE}`)
}
const file = args.positionals[0]
if (!file || args.positionals.length > 1) fail(USAGE)
const status = args.values.status
if (status !== 'draft' && status !== 'active') fail(`--status 只能是 draft 或 active\n${USAGE}`)

const mapping = args.values.map === undefined ? undefined : parseMapArg(args.values.map)
if (mapping && !mapping.ok) fail(`--map：${mapping.error}\n${USAGE}`)
const defaults = args.values.default === undefined ? undefined : parseDefaultsArg(args.values.default)
if (defaults && !defaults.ok) fail(`--default：${defaults.error}\n${USAGE}`)

let data: Buffer
try {
	data = readFileSync(file)
} catch {
	fail(`无法读取文件：${file}`)
}

const db = createDb(process.env.DATABASE_URL ?? 'file:./data/app.db')
try {
	let actorId: string | null = null
	if (args.values.actor) {
		const actor = await db.user.findUnique({ where: { username: args.values.actor }, select: { id: true } })
		if (!actor) fail(`找不到工号为 ${args.values.actor} 的用户`)
		actorId = actor.id
	}
	const outcome = await importBankFile(db, {
		data,
		fileName: basename(file),
		mode: args.values['valid-only'] ? 'valid_only' : 'all',
		defaultStatus: status,
		actorId,
		actorName: actorId ? undefined : `命令行导入（${userInfo().username}）`,
		dryRun: args.values['dry-run'],
		settings: { mapping: mapping?.value, defaults: defaults?.value },
	})
	const { preview } = outcome
	if (preview.mapping.length) {
		const used = preview.mapping.filter((entry) => entry.column !== IGNORE)
		const ignored = preview.mapping.filter((entry) => entry.column === IGNORE)
		console.log(`列的对应：${used.map((entry) => `${entry.header} → ${choiceLabel(entry.column)}`).join('，') || '无'}`)
		if (ignored.length) console.log(`忽略的列：${ignored.map((entry) => entry.header).join('，')}`)
		const { topic, difficulty, points } = preview.defaults
		const shown = [topic && `专题 ${TOPIC_LABELS[topic]}`, difficulty !== undefined && `难度 ${difficulty}`, points !== undefined && `分值 ${points}`].filter(Boolean)
		if (shown.length) console.log(`默认值（文件中没有或未填写时）：${shown.join('，')}`)
	}
	for (const problem of preview.mappingProblems) console.error(formatMappingProblem(problem))
	for (const warning of preview.warnings) console.warn(`提示：${warning}`)
	for (const problem of preview.problems) console.error(formatProblem(problem))
	if (preview.fileError) console.error(preview.fileError)
	else if (outcome.reason) console.error(outcome.reason)

	if (outcome.dryRun) console.log(`试运行：共 ${preview.totalRows} 行，可导入 ${preview.valid.length} 道，有问题 ${preview.badRowCount} 行；未写入任何题目。`)
	else console.log(`已导入 ${outcome.imported} 道题目。`)
	process.exitCode = preview.fileError || preview.problems.length > 0 || !outcome.ok ? 1 : 0
} finally {
	await db.$disconnect()
}
