// 站内通知 (issue 10): short messages a person reads under the bell in the header and on
// /notifications. Written by the domain that has news (today the appeals, ADR 062) inside the
// transaction of the change they announce, so no notification tells of a change that rolled
// back. A person reads and marks only their own: every query is scoped by userId.
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export const NOTIFICATION_KINDS = ['appeal.filed', 'appeal.accepted', 'appeal.rejected', 'appeal.remark'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

const NotificationInputSchema = z.object({
	userId: z.string().min(1),
	kind: z.enum(NOTIFICATION_KINDS),
	title: z.string().trim().min(1).max(200),
	body: z.string().trim().max(2000).default(''),
	// Only paths inside the app: a notification never sends anyone elsewhere.
	link: z
		.string()
		.regex(/^\/(?!\/)[^\s\\]*$/)
		.max(500)
		.nullable()
		.default(null),
})

export type NotificationInput = z.input<typeof NotificationInputSchema>

/** Call inside the transaction that makes the change the notifications announce. */
export async function notify(db: DbOrTx, inputs: NotificationInput[], now: Date) {
	const rows = inputs.map((input) => NotificationInputSchema.parse(input))
	if (rows.length === 0) return 0
	const created = await db.notification.createMany({ data: rows.map((row) => ({ ...row, createdAt: now })) })
	return created.count
}

export const NOTIFICATION_PAGE_SIZE = 50

export type NotificationItem = { id: string; kind: string; title: string; body: string; link: string | null; readAt: Date | null; createdAt: Date }

/** Newest first; unread ones are not put ahead, so the list reads as a timeline. */
export async function listNotifications(db: DbOrTx, { userId, limit = NOTIFICATION_PAGE_SIZE }: { userId: string; limit?: number }): Promise<NotificationItem[]> {
	return db.notification.findMany({
		where: { userId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: limit,
		select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
	})
}

export async function unreadCount(db: DbOrTx, userId: string) {
	return db.notification.count({ where: { userId, readAt: null } })
}

/**
 * Marks one of the person's own notifications read (one guarded statement: another person's id
 * changes nothing). Returns its link, so "open" can mark and go in one step; null if not theirs.
 */
export async function markRead(db: DbOrTx, { userId, notificationId, now }: { userId: string; notificationId: string; now: Date }) {
	const own = await db.notification.findFirst({ where: { id: notificationId, userId }, select: { link: true } })
	if (!own) return null
	await db.notification.updateMany({ where: { id: notificationId, userId, readAt: null }, data: { readAt: now } })
	return { link: own.link }
}

export async function markAllRead(db: DbOrTx, { userId, now }: { userId: string; now: Date }) {
	const updated = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } })
	return updated.count
}
