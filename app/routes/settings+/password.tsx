import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button, Field, FormError } from '#app/components/forms.tsx'
import { changePassword, getSessionId, requireUser } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formFailure, parseFormData } from '#app/utils/forms.ts'
import { NewPasswordSchema } from '#app/utils/password.server.ts'

const ChangePasswordSchema = z
	.object({
		currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码'),
		newPassword: NewPasswordSchema,
		confirmPassword: z.string({ error: '请再次输入新密码' }),
	})
	.refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: '两次输入的新密码不一致' })

export const meta: MetaFunction = () => [{ title: '修改密码 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request, { allowPasswordChange: true })
	return { mustChange: user.mustChangePassword }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, { allowPasswordChange: true })
	const parsed = parseFormData(await request.formData(), ChangePasswordSchema)
	if (!parsed.ok) return data(parsed, { status: 400 })
	const result = await changePassword(prisma, {
		userId: user.id,
		currentPassword: parsed.data.currentPassword,
		newPassword: parsed.data.newPassword,
		keepSessionId: await getSessionId(request),
		ipAddress: context.clientIp ?? 'unknown',
	})
	if (!result.ok) {
		const { retryAfterMs } = result
		const headers: HeadersInit = retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) }
		return data(formFailure({ [result.field]: [result.message] }), { status: retryAfterMs === undefined ? 400 : 429, headers })
	}
	throw redirect('/?passwordChanged=1')
}

export default function ChangePasswordPage() {
	const { mustChange } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData && !actionData.ok ? actionData.fieldErrors : {}
	return (
		<Page>
			<div className="mx-auto max-w-md">
				<PageHeader title="修改密码" description={mustChange ? '首次登录须先将临时密码改为您自己的密码。' : '修改后，其他设备上的登录将被退出。'} />
				<Form method="post" className="flex flex-col gap-4 rounded-lg border bg-white p-6" noValidate>
					<FormError message={actionData && !actionData.ok ? actionData.formError : null} />
					<Field label={mustChange ? '临时密码' : '当前密码'} name="currentPassword" type="password" autoComplete="current-password" errors={errors.currentPassword} />
					<Field label="新密码" name="newPassword" type="password" autoComplete="new-password" hint="至少 8 位，须同时包含字母和数字" errors={errors.newPassword} />
					<Field label="确认新密码" name="confirmPassword" type="password" autoComplete="new-password" errors={errors.confirmPassword} />
					<Button type="submit">保存新密码</Button>
				</Form>
			</div>
		</Page>
	)
}
