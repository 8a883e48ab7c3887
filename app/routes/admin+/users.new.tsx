import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { unitChoices } from '#app/admin/units.ts'
import { createUser } from '#app/admin/users.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { OneTimePassword } from './__one-time-password.tsx'
import { NewUserSchema, UserForm } from './__user-form.tsx'

export const meta: MetaFunction = () => [{ title: '新建用户 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const choices = await unitChoices(prisma)
	return { unitChoices: choices.map(({ id, label }) => ({ id, label })), unitId: new URL(request.url).searchParams.get('unit') ?? '' }
}

/**
 * The temporary password goes back in this response only, never into a redirect URL,
 * cookie or table: the page after submitting is the one place it is ever shown.
 */
export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const submission = parseWithZod(await request.formData(), { schema: NewUserSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const result = await createUser(prisma, admin, submission.value)
	if (!result.ok) return refusalReply(submission, result)
	// Not a redirect (ADR 070's one exception): the password must not travel in a URL or cookie.
	return {
		created: { id: result.userId, username: submission.value.username, name: submission.value.name, temporaryPassword: result.temporaryPassword },
	}
}

export default function NewUserPage() {
	const { unitChoices, unitId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (actionData && 'created' in actionData) {
		const { created } = actionData
		return (
			<Page>
				<PageHeader title="新建用户" />
				<AdminNav />
				<OneTimePassword title={`已创建用户 ${created.name}`} username={created.username} name={created.name} password={created.temporaryPassword} />
				<div className="flex flex-wrap gap-2">
					<Link to="/admin/users/new" reloadDocument className={buttonClass('primary')}>
						继续新建
					</Link>
					<Link to={`/admin/users/${created.id}`} className={buttonClass('secondary')}>
						查看该用户
					</Link>
					<Link to="/admin/users" className={buttonClass('secondary')}>
						返回用户列表
					</Link>
				</div>
			</Page>
		)
	}
	return (
		<Page>
			<PageHeader title="新建用户" description="系统会生成临时密码，只在创建后显示一次；对方首次登录时必须修改。" />
			<AdminNav />
			<UserForm mode="create" defaults={{ name: '', unitId, roles: ['learner'], phone: null }} unitChoices={unitChoices} lastResult={actionData && !('created' in actionData) ? actionData : null} />
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
