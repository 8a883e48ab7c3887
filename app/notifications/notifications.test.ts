import { expect, test } from 'vitest'
import { createPerson } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { listNotifications, markAllRead, markRead, notify, unreadCount } from './notifications.ts'

describeEachProvider('notifications', (getDb) => {
	test('a person lists, counts and marks only their own; links stay inside the app', async () => {
		const db = await getDb()
		const [me, other] = await Promise.all([createPerson(db), createPerson(db)])
		const t0 = new Date('2026-11-01T02:00:00Z')
		await notify(
			db,
			[
				{ userId: me.id, kind: 'appeal.accepted', title: '申诉已受理', body: '第 3 题', link: '/appeals' },
				{ userId: other.id, kind: 'appeal.filed', title: '新的成绩申诉', link: '/admin/appeals' },
			],
			t0,
		)
		await notify(db, [{ userId: me.id, kind: 'appeal.rejected', title: '申诉未被受理', body: '答案无误' }], new Date(t0.getTime() + 1000))
		expect(await unreadCount(db, me.id)).toBe(2)
		const mine = await listNotifications(db, { userId: me.id })
		expect(mine.map((n) => n.title)).toEqual(['申诉未被受理', '申诉已受理'])

		// Someone else's id is not found and changes nothing.
		const othersId = (await listNotifications(db, { userId: other.id }))[0]!.id
		expect(await markRead(db, { userId: me.id, notificationId: othersId, now: t0 })).toBeNull()
		expect(await unreadCount(db, other.id)).toBe(1)

		const opened = await markRead(db, { userId: me.id, notificationId: mine[1]!.id, now: t0 })
		expect(opened).toEqual({ link: '/appeals' })
		expect(await unreadCount(db, me.id)).toBe(1)
		// Marking again keeps the first reading time.
		await markRead(db, { userId: me.id, notificationId: mine[1]!.id, now: new Date(t0.getTime() + 60_000) })
		expect((await db.notification.findUniqueOrThrow({ where: { id: mine[1]!.id } })).readAt).toEqual(t0)
		expect(await markAllRead(db, { userId: me.id, now: t0 })).toBe(1)
		expect(await unreadCount(db, me.id)).toBe(0)
		expect(await unreadCount(db, other.id)).toBe(1)

		await expect(notify(db, [{ userId: me.id, kind: 'appeal.filed', title: '外链', link: '//evil.example/' }], t0)).rejects.toThrow()
		await expect(notify(db, [{ userId: me.id, kind: 'appeal.filed', title: '外链', link: 'https://evil.example/' }], t0)).rejects.toThrow()
	})
})
