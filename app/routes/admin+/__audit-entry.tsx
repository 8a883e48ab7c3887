import { auditActionLabel } from '#app/admin/audit-actions.ts'
import { formatDateTime } from '#app/utils/misc.ts'

const SHOWN_JSON_CHARS = 6000

function prettyJson(text: string | null) {
	if (text === null) return null
	let pretty = text
	try {
		pretty = JSON.stringify(JSON.parse(text), null, 2)
	} catch {
		// Stored text that is not JSON is shown as it is.
	}
	return pretty.length > SHOWN_JSON_CHARS ? `${pretty.slice(0, SHOWN_JSON_CHARS)}\n…（共 ${pretty.length} 个字符，已截断）` : pretty
}

export type AuditEntryView = {
	id: number
	createdAt: string | Date
	actorName: string | null
	actorUsername: string | null
	action: string
	targetType: string
	targetId: string | null
	summary: string | null
	before: string | null
	after: string | null
}

export function AuditEntryRow({ entry, highlighted = false }: { entry: AuditEntryView; highlighted?: boolean }) {
	const before = prettyJson(entry.before)
	const after = prettyJson(entry.after)
	return (
		<tr className={highlighted ? 'bg-red-50' : undefined} data-entry-id={entry.id}>
			<td className="px-3 py-2 align-top font-mono text-xs text-gray-500">#{entry.id}</td>
			<td className="px-3 py-2 align-top whitespace-nowrap">{formatDateTime(entry.createdAt)}</td>
			<td className="px-3 py-2 align-top">
				{entry.actorName ?? '系统'}
				{entry.actorUsername ? <span className="ml-1 text-xs text-gray-500">{entry.actorUsername}</span> : null}
			</td>
			<td className="px-3 py-2 align-top">{auditActionLabel(entry.action)}</td>
			<td className="px-3 py-2 align-top">
				<p>{entry.summary}</p>
				{before || after ? (
					<details className="mt-1">
						<summary className="cursor-pointer text-xs text-brand-700">变更前后</summary>
						<div className="mt-2 grid gap-2 md:grid-cols-2">
							<div>
								<p className="text-xs font-medium text-gray-500">变更前</p>
								<pre className="max-h-80 overflow-auto rounded bg-gray-50 p-2 text-xs">{before ?? '（无）'}</pre>
							</div>
							<div>
								<p className="text-xs font-medium text-gray-500">变更后</p>
								<pre className="max-h-80 overflow-auto rounded bg-gray-50 p-2 text-xs">{after ?? '（无）'}</pre>
							</div>
						</div>
						<p className="mt-1 text-xs text-gray-400">
							对象：{entry.targetType}
							{entry.targetId ? ` ${entry.targetId}` : ''}
						</p>
					</details>
				) : null}
			</td>
		</tr>
	)
}
