// `npm run audit:verify`: walks the audit-log hash chain and names the first broken entry.
import 'dotenv/config'
import { verifyAuditChain } from '#app/utils/audit-log.server.ts'
import { createDb } from '#app/utils/db-client.ts'

const db = createDb(process.env.DATABASE_URL ?? 'file:./data/app.db')
try {
	const verdict = await verifyAuditChain(db)
	if (verdict.ok) {
		console.log(`审计日志完整：已校验 ${verdict.checked} 条记录，哈希链无断裂。`)
	} else {
		console.error(`审计日志被篡改：第 ${verdict.brokenAtId} 号记录处断裂（${verdict.reason}）。此前 ${verdict.checked} 条记录完好。`)
		process.exitCode = 1
	}
} finally {
	await db.$disconnect()
}
