import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { unitChoices } from '#app/admin/units.ts'
import { createUser } from '#app/admin/users.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { parseFormData } from '#app/utils/forms.ts'
import { AdminNav } from './__admin-nav.tsx'
import { refusalResponse } from './__form-echo.ts'
import { OneTimePassword } from './__one-time-password.tsx'
import { NewUserSchema, UserForm } from './__user-form.tsx'

export const meta: MetaFunction = () => [{ title: '新建用户 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
	const choices = await unitChoices(prisma)
	return { unitChoices: choices.map(({ id, label }) => ({ id, label })), unitId: new URL(request.url).searchParams.get('unit') ?? '' }
}

/**
 * The temporary password goes back in this response only, never into a redirect URL,
 * cookie or table: the page after submitting is the one place it is ever shown.
 */
export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireRole(request, 'admin')
	const formData = await request.formData()
	const parsed = parseFormData(formData, NewUserSchema)
	if (!parsed.ok) return refusalResponse(parsed, formData)
	const result = await createUser(prisma, admin, parsed.data)
	if (!result.ok) return refusalResponse(result, formData)
	return {
		ok: true as const,
		created: { id: result.userId, username: parsed.data.username, name: parsed.data.name, temporaryPassword: result.temporaryPassword },
	}
}

export default function NewUserPage() {
	const { unitChoices, unitId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (actionData?.ok) {
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
			<UserForm mode="create" defaults={{ name: '', unitId, roles: ['learner'], phone: null }} unitChoices={unitChoices} failure={actionData && !actionData.ok ? actionData : null} />
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
