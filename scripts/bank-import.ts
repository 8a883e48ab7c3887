// `npm run bank:import -- FILE [--dry-run] [--valid-only] [--status draft|active] [--actor 工号]`
// Same code path as the import page. Prints every problem as 第N行 列名：原因 and the count
// imported; exits 1 when any row is invalid (even if --valid-only imported the others).
import 'dotenv/config'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import { formatProblem, importBankFile } from '#app/exams/import/bank-import.server.ts'
import { createDb } from '#app/utils/db-client.server.ts'

const USAGE = '用法：npm run bank:import -- 文件.xlsx|文件.csv [--dry-run] [--valid-only] [--status draft|active] [--actor 工号]'

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
	})
	const { preview } = outcome
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
