// The people list as an .xlsx. Exporting personal data is itself an audited admin action.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { writeXlsx } from '#app/utils/xlsx.server.ts'
import { auditActor, type Actor } from './actor.ts'
import { allUsersForExport, type UserFilters } from './users.ts'
import { roleLabels } from './user-fields.ts'

export async function exportUsersXlsx(db: Db, actor: Actor, filters: UserFilters) {
	const users = await allUsersForExport(db, filters)
	const file = await writeXlsx([
		{
			name: '用户',
			columns: [
				{ header: '工号', width: 14, text: true },
				{ header: '姓名', width: 12 },
				{ header: '单位', width: 24 },
				{ header: '单位路径', width: 48 },
				{ header: '角色', width: 20 },
				{ header: '手机', width: 16, text: true },
				{ header: '状态', width: 8 },
				{ header: '待改初始密码', width: 14 },
				{ header: '创建时间', width: 20 },
			],
			rows: users.map((u) => [
				u.username,
				u.name,
				u.unitName,
				u.unitPath,
				roleLabels(u.roles),
				u.phone,
				u.active ? '在用' : '停用',
				u.mustChangePassword ? '是' : '否',
				formatDateTime(u.createdAt),
			]),
		},
	])
	await auditedTransaction(db, (tx) =>
		writeAuditLog(tx, {
			...auditActor(actor),
			action: 'user.export',
			targetType: 'User',
			summary: `导出 ${users.length} 名用户`,
			after: { filters, count: users.length },
		}),
	)
	return { file, count: users.length }
}
