// The pairs list as an .xlsx: people, term, goals, status and attention reasons. Exporting
// personal data is itself an audited admin action.
import { auditActor, type Actor } from '#app/admin/actor.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { writeXlsx } from '#app/utils/xlsx.server.ts'
import { chinaDayOf } from './dates.ts'
import { listPairings, type PairingListFilters } from './overview.ts'
import { PAIRING_STATUS_LABELS, type PairingStatus } from './pairings.ts'

export async function exportPairingsXlsx(db: Db, actor: Actor, filters: PairingListFilters, now = new Date()) {
	const rows = await listPairings(db, filters, now)
	const file = await writeXlsx([
		{
			name: '结对',
			columns: [
				{ header: '导师工号', width: 14, text: true },
				{ header: '导师', width: 12 },
				{ header: '导师单位', width: 24 },
				{ header: '徒弟工号', width: 14, text: true },
				{ header: '徒弟', width: 12 },
				{ header: '徒弟单位', width: 24 },
				{ header: '开始日期', width: 12, text: true },
				{ header: '结束日期', width: 12, text: true },
				{ header: '状态', width: 8 },
				{ header: '业务目标', width: 40 },
				{ header: '党建目标', width: 40 },
				{ header: '需关注', width: 60 },
				{ header: '结束原因', width: 24 },
			],
			rows: rows.map((r) => [
				r.mentor.username,
				r.mentor.name,
				r.mentor.unitName,
				r.apprentice.username,
				r.apprentice.name,
				r.apprentice.unitName,
				chinaDayOf(r.startsOn),
				chinaDayOf(r.endsOn),
				PAIRING_STATUS_LABELS[r.status as PairingStatus] ?? r.status,
				r.businessGoals,
				r.partyGoals,
				r.flags.map((f) => f.text).join('；'),
				r.endReason ?? '',
			]),
		},
	])
	await auditedTransaction(db, (tx) =>
		writeAuditLog(tx, { ...auditActor(actor), action: 'mentorship.pairing.export', targetType: 'Pairing', summary: `导出 ${rows.length} 个结对`, after: { filters, count: rows.length } }),
	)
	return { file, count: rows.length }
}
