// 站内通知: the signed-in person's notifications, newest first; opening one marks it read and
// follows its link (always a path inside the app). Only one's own: every query carries userId.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button } from '#app/components/forms.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { listNotifications, markAllRead, markRead, unreadCount } from '#app/notifications/notifications.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { cn, safeRedirectPath } from '#app/utils/misc.ts'

export const meta: MetaFunction = () => [{ title: '通知 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const [items, unread] = await Promise.all([listNotifications(prisma, { userId: user.id }), unreadCount(prisma, user.id)])
	return data(
		{ unread, items: items.map((n) => ({ ...n, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })) },
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('open'), id: z.string().min(1).max(100) }),
	z.object({ intent: z.literal('read-all') }),
])

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data({ message: '操作无效，请刷新页面后重试' }, { status: 400 })
	const now = new Date()
	if (parsed.data.intent === 'read-all') {
		await markAllRead(prisma, { userId: user.id, now })
		throw redirect('/notifications?done=all')
	}
	const opened = await markRead(prisma, { userId: user.id, notificationId: parsed.data.id, now })
	if (!opened) return data({ message: '找不到这条通知' }, { status: 404 })
	throw redirect(opened.link ? safeRedirectPath(opened.link, '/notifications') : '/notifications')
}

export default function NotificationsPage() {
	const { items, unread } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	return (
		<Page>
			<PageHeader
				title="通知"
				description={unread > 0 ? `${unread} 条未读` : '没有未读通知'}
				actions={
					unread > 0 ? (
						<Form method="post">
							<Button type="submit" name="intent" value="read-all" variant="secondary" pendingLabel="正在标记…">
								全部标为已读
							</Button>
						</Form>
					) : null
				}
			/>
			{params.get('done') === 'all' ? (
				<p role="status" className="mb-4 rounded border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900">
					已全部标为已读。
				</p>
			) : null}
			{items.length === 0 ? (
				<p className="rounded border bg-white p-4 text-gray-700">还没有通知。</p>
			) : (
				<ul className="flex flex-col gap-2" aria-label="通知列表">
					{items.map((n) => (
						<li key={n.id} className={cn('rounded-lg border bg-white p-4 break-words', n.readAt ? '' : 'border-brand-600')}>
							<div className="flex flex-wrap items-start justify-between gap-2">
								<h2 className="font-semibold">
									{n.readAt ? null : <span className="mr-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs font-normal text-white">未读</span>}
									{n.title}
								</h2>
								<span className="text-xs text-gray-500">{formatChinaDateTime(new Date(n.createdAt))}</span>
							</div>
							{n.body ? <p className="mt-1 text-sm whitespace-pre-wrap text-gray-700">{n.body}</p> : null}
							<Form method="post" className="mt-2">
								<input type="hidden" name="id" value={n.id} />
								<button type="submit" name="intent" value="open" className="text-sm text-brand-700 hover:underline">
									{n.link ? '查看' : '标为已读'}
								</button>
							</Form>
						</li>
					))}
				</ul>
			)}
		</Page>
	)
}
