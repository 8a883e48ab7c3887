// `npm run audit:verify`: checks the audit log's signed checkpoints, then walks the keyed hash
// chain against them and names the first broken entry (ADR 006). `-- --checkpoint` then
// appends a signed checkpoint of the head, when the chain verifies.
import 'dotenv/config'
import { readAuditCheckpoints, verifyAuditLog, writeAuditCheckpoint, type AuditLogVerdict } from '#app/utils/audit-checkpoints.server.ts'
import { verifyAuditChain } from '#app/utils/audit-log.server.ts'
import { createDb } from '#app/utils/db-client.server.ts'
import { serverEnv } from '#app/utils/env.server.ts'

const db = createDb(serverEnv.databaseUrl)
const file = serverEnv.auditCheckpointFile

function report({ verdict, latest, checkpointCount }: AuditLogVerdict) {
	if (latest) {
		console.log(`检查点文件 ${file}：${checkpointCount} 个检查点，最新的 ${latest.at} 记录了 ${latest.count} 条记录。`)
	} else {
		console.warn(`检查点文件 ${file} 中还没有检查点：删除最新的记录无法被发现。用 npm run audit:verify -- --checkpoint 记录一个。`)
	}
	if (verdict.ok) {
		console.log(`审计日志完整：已校验 ${verdict.checked} 条记录，哈希链无断裂，与全部检查点相符。`)
		process.exitCode = 0
	} else {
		const where = verdict.brokenAtId === null ? '' : `第 ${verdict.brokenAtId} 号记录处断裂：`
		console.error(`审计日志校验失败：${where}${verdict.reason}。此前 ${verdict.checked} 条记录完好。`)
		process.exitCode = 1
	}
}

/**
 * A checkpoint is written over a chain that verifies, or as the very first checkpoint over a
 * chain that fits by itself: that is how entries written before the chain was keyed, which
 * only a checkpoint can vouch for, get their first one (the server's start-up does the same).
 */
async function mayCheckpoint(result: AuditLogVerdict) {
	if (result.verdict.ok) return true
	const { checkpoints, problems } = await readAuditCheckpoints({ file })
	return checkpoints.length === 0 && problems.length === 0 && (await verifyAuditChain(db)).ok
}

try {
	const result = await verifyAuditLog(db, { file })
	report(result)
	if (process.argv.includes('--checkpoint')) {
		if (await mayCheckpoint(result)) {
			const { checkpoint } = await writeAuditCheckpoint(db, { file, reason: 'manual' })
			console.log(`已记录检查点：${checkpoint.at}，${checkpoint.count} 条记录，链头 ${checkpoint.headHash}`)
			report(await verifyAuditLog(db, { file }))
		} else {
			console.error('哈希链不完整，未记录检查点。')
		}
	}
} finally {
	await db.$disconnect()
}
