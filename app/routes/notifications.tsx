// 站内通知: the signed-in person's notifications, newest first; opening one marks it read and
// follows its link (always a path inside the app). Only one's own: every query carries userId.
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button } from '#app/components/forms.tsx'
import { IntentForm, replyFor } from '#app/components/intent-form.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { listNotifications, markAllRead, markRead, unreadCount } from '#app/notifications/notifications.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { cn, safeRedirectPath } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '通知 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/notifications')
	const [items, unread] = await Promise.all([listNotifications(prisma, { userId: user.id }), unreadCount(prisma, user.id)])
	return data(
		{ unread, items: items.map((n) => ({ ...n, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })) },
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

const ActionSchema = z.discriminatedUnion(
	'intent',
	[z.object({ intent: z.literal('open'), id: z.string({ error: '操作无效，请刷新页面后重试' }).min(1).max(100) }), z.object({ intent: z.literal('read-all') })],
	{ error: '操作无效，请刷新页面后重试' },
)

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/notifications')
	const submission = parseWithZod(await request.formData(), { schema: ActionSchema })
	// Only buttons post here: whatever is wrong is said above them (ADR 070).
	if (submission.status !== 'success') return data(submission.reply({ formErrors: ['操作无效，请刷新页面后重试'] }), { status: 400 })
	const now = new Date()
	if (submission.value.intent === 'read-all') {
		await markAllRead(prisma, { userId: user.id, now })
		throw await redirectWithToast('/notifications', { title: '已全部标为已读。' })
	}
	const opened = await markRead(prisma, { userId: user.id, notificationId: submission.value.id, now })
	if (!opened) return data(submission.reply({ formErrors: ['找不到这条通知'] }), { status: 404 })
	// Opening one follows its link; one without a link is confirmed where it is.
	if (opened.link) throw redirect(safeRedirectPath(opened.link, '/notifications'))
	throw await redirectWithToast('/notifications', { title: '已标为已读。' })
}

export default function NotificationsPage() {
	const { items, unread } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	return (
		<Page>
			<PageHeader
				title="通知"
				description={unread > 0 ? `${unread} 条未读` : '没有未读通知'}
				actions={
					unread > 0 ? (
						<IntentForm id="read-all" lastResult={replyFor(lastResult, { intent: 'read-all' })}>
							<Button type="submit" name="intent" value="read-all" variant="secondary" pendingLabel="正在标记…">
								全部标为已读
							</Button>
						</IntentForm>
					) : null
				}
			/>
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
							<IntentForm id={`open-${n.id}`} className="mt-2" lastResult={replyFor(lastResult, { intent: 'open', id: n.id })}>
								<input type="hidden" name="id" value={n.id} />
								<button type="submit" name="intent" value="open" className="text-sm text-brand-700 hover:underline">
									{n.link ? '查看' : '标为已读'}
								</button>
							</IntentForm>
						</li>
					))}
				</ul>
			)}
		</Page>
	)
}
