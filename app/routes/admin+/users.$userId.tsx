import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button } from '#app/components/forms.tsx'
import { IntentForm, replyFor } from '#app/components/intent-form.tsx'
import { unitChoices } from '#app/admin/units.ts'
import { roleLabels } from '#app/admin/user-fields.ts'
import { getUserDetail, resetUserPassword, setUserActive, updateUser } from '#app/admin/users.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { StatusBadge } from '#app/components/notice.tsx'
import { OneTimePassword } from './__one-time-password.tsx'
import { UserEditSchema, UserForm } from './__user-form.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? '用户'} · 管理 · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const user = await getUserDetail(prisma, params.userId!)
	if (!user) throw data({ message: '用户不存在' }, { status: 404 })
	// Someone in a unit that was later deactivated keeps it as a choice, so saving does not move them.
	const choices = (await unitChoices(prisma, { includeInactive: true })).filter((c) => c.active || c.id === user.unit.id)
	return { user, isSelf: user.id === admin.id, unitChoices: choices.map(({ id, label }) => ({ id, label })) }
}

const IntentSchema = z.enum(['save', 'deactivate', 'reactivate', 'reset-password'])
/** 重置密码 / 停用 / 重新启用: forms of one button (ADR 070), refused above it. */
const AccountActionSchema = z.object({ intent: z.enum(['deactivate', 'reactivate', 'reset-password']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const userId = params.userId!
	const formData = await request.formData()
	const intent = IntentSchema.safeParse(formData.get('intent'))
	if (!intent.success) throw data({ message: '未知的操作' }, { status: 400 })
	const here = `/admin/users/${userId}`
	switch (intent.data) {
		case 'save': {
			const submission = parseWithZod(formData, { schema: UserEditSchema })
			if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
			const result = await updateUser(prisma, admin, { userId, ...submission.value })
			if (!result.ok) return refusalReply(submission, result)
			throw await redirectWithToast(here, { title: result.changed ? '已保存。' : '没有改动。', type: result.changed ? 'success' : 'info' })
		}
		case 'deactivate':
		case 'reactivate': {
			const active = intent.data === 'reactivate'
			const result = await setUserActive(prisma, admin, { userId, active })
			if (!result.ok) return otherRefusal(formData, result)
			throw await redirectWithToast(here, { title: active ? '账号已启用。' : '账号已停用，其所有登录已退出。' })
		}
		case 'reset-password': {
			const result = await resetUserPassword(prisma, admin, { userId })
			if (!result.ok) return otherRefusal(formData, result)
			// Not a redirect (ADR 070's one exception): the password must not travel in a URL or cookie.
			return { temporaryPassword: result.temporaryPassword }
		}
	}
}

/** A refused activation or reset: conform's reply, its message above that form's button. */
function otherRefusal(formData: FormData, refusal: { fieldErrors: Record<string, string[] | undefined>; formError?: string; notFound?: boolean }) {
	if (refusal.notFound) throw data({ message: refusal.formError }, { status: 404 })
	const submission = parseWithZod(formData, { schema: AccountActionSchema })
	return data(submission.reply({ formErrors: [refusal.formError ?? Object.values(refusal.fieldErrors).flat()[0] ?? '操作未完成'] }), { status: 400 })
}

export default function UserPage() {
	const { user, isSelf, unitChoices } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const temporaryPassword = actionData && 'temporaryPassword' in actionData ? actionData.temporaryPassword : null
	// One reply for the page: each form takes its own (by the button that sent it).
	const lastResult = replyFor(actionData, { intent: 'save' })
	const accountResult = (intent: string) => replyFor(actionData, { intent })
	return (
		<Page>
			<PageHeader
				title={`${user.name}（${user.username}）`}
				description={
					<span className="flex flex-wrap items-center gap-2">
						<span>{user.unit.name}</span>
						<span>· {roleLabels(user.roles)}</span>
						<StatusBadge active={user.active} />
						{user.active && user.mustChangePassword ? <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">未改初始密码</span> : null}
					</span>
				}
			/>
			<AdminNav />
			{temporaryPassword ? <OneTimePassword title="密码已重置" username={user.username} name={user.name} password={temporaryPassword} /> : null}
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
				<section>
					<h2 className="mb-3 font-semibold">修改资料</h2>
					<UserForm
						// A fresh form after each saved change, so its defaults are what was stored.
						key={`${user.name}|${user.unit.id}|${user.roles.join(',')}|${user.phone ?? ''}`}
						mode="edit"
						defaults={{ name: user.name, unitId: user.unit.id, roles: user.roles, phone: user.phone }}
						unitChoices={unitChoices}
						lastResult={lastResult}
						lockedAdminRole={isSelf && user.roles.includes('admin')}
					/>
				</section>
				<aside className="flex flex-col gap-4 text-sm">
					<section className="rounded-lg border border-gray-200 bg-white p-4">
						<h2 className="mb-2 font-semibold">账号</h2>
						<dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
							<dt className="text-gray-500">工号</dt>
							<dd className="font-mono">{user.username}</dd>
							<dt className="text-gray-500">创建时间</dt>
							<dd>{formatDateTime(user.createdAt)}</dd>
							<dt className="text-gray-500">登录会话</dt>
							<dd>{user.activeSessions} 个</dd>
						</dl>
					</section>
					{isSelf ? (
						<p className="rounded-lg border border-gray-200 bg-white p-4 text-gray-600">这是您自己的账号：不能在这里停用或重置密码。修改密码请点右上角的“修改密码”。</p>
					) : (
						<>
							<ConfirmForm
								lastResult={accountResult('reset-password')}
								intent="reset-password"
								title="重置密码"
								explanation="生成新的临时密码（只显示一次），并立即退出该用户的所有登录；其下次登录时必须修改密码。"
								confirmText={`确定重置 ${user.name} 的密码吗？其所有登录将被退出。`}
								label="重置密码"
								variant="secondary"
							/>
							{user.active ? (
								<ConfirmForm
									lastResult={accountResult('deactivate')}
									intent="deactivate"
									title="停用账号"
									explanation="停用后该用户无法登录，已有的登录立即失效；其学习和考试记录保留，可随时重新启用。"
									confirmText={`确定停用 ${user.name} 的账号吗？`}
									label="停用账号"
									variant="danger"
								/>
							) : (
								<ConfirmForm lastResult={accountResult('reactivate')} intent="reactivate" title="启用账号" explanation="启用后该用户可用原密码再次登录。" label="重新启用" variant="secondary" />
							)}
						</>
					)}
				</aside>
			</div>
		</Page>
	)
}

function ConfirmForm({
	lastResult,
	intent,
	title,
	explanation,
	confirmText,
	label,
	variant,
}: {
	lastResult?: SubmissionResult
	intent: string
	title: string
	explanation: string
	confirmText?: string
	label: string
	variant: 'secondary' | 'danger'
}) {
	return (
		<IntentForm id={`user-${intent}`} lastResult={lastResult} confirm={confirmText} className="rounded-lg border border-gray-200 bg-white p-4">
			<h2 className="mb-2 font-semibold">{title}</h2>
			<p className="mb-3 text-gray-600">{explanation}</p>
			<Button type="submit" name="intent" value={intent} variant={variant}>
				{label}
			</Button>
		</IntentForm>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
