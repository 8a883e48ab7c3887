import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button, Field, FormError, inputProps } from '#app/components/forms.tsx'
import { changePassword, getSessionId, requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { NewPasswordSchema } from '#app/utils/password-rules.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const ChangePasswordSchema = z
	.object({
		currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码'),
		newPassword: NewPasswordSchema,
		confirmPassword: z.string({ error: '请再次输入新密码' }),
	})
	.refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: '两次输入的新密码不一致' })

export const meta: MetaFunction = () => [{ title: '修改密码 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/settings', { allowPasswordChange: true })
	return { mustChange: user.mustChangePassword }
}

/** Passwords are never sent back to the browser, not even to refill the form. */
const HIDDEN_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword']

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/settings', { allowPasswordChange: true })
	const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema })
	if (submission.status !== 'success') return data(submission.reply({ hideFields: HIDDEN_FIELDS }), { status: 400 })
	const result = await changePassword(prisma, {
		userId: user.id,
		currentPassword: submission.value.currentPassword,
		newPassword: submission.value.newPassword,
		keepSessionId: await getSessionId(request),
		ipAddress: context.clientIp ?? 'unknown',
	})
	if (!result.ok) {
		const { retryAfterMs } = result
		const headers: HeadersInit = retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) }
		return data(submission.reply({ fieldErrors: { [result.field]: [result.message] }, hideFields: HIDDEN_FIELDS }), { status: retryAfterMs === undefined ? 400 : 429, headers })
	}
	throw await redirectWithToast('/', { title: '密码已修改。', description: mustChangeNote(user.mustChangePassword) })
}

function mustChangeNote(wasTemporary: boolean) {
	return wasTemporary ? '以后请用新密码登录。' : '其他设备上的登录已退出。'
}

export default function ChangePasswordPage() {
	const { mustChange } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'change-password',
		lastResult,
		constraint: getZodConstraint(ChangePasswordSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Page>
			<div className="mx-auto max-w-md">
				<PageHeader title="修改密码" description={mustChange ? '首次登录须先将临时密码改为您自己的密码。' : '修改后，其他设备上的登录将被退出。'} />
				<Form method="post" className="flex flex-col gap-4 rounded-lg border bg-white p-6" {...getFormProps(form)}>
					<FormError message={form.errors?.[0]} />
					<Field label={mustChange ? '临时密码' : '当前密码'} autoComplete="current-password" errors={fields.currentPassword.errors} {...inputProps(fields.currentPassword, { type: 'password' })} />
					<Field label="新密码" autoComplete="new-password" hint="至少 8 位，须同时包含字母和数字" errors={fields.newPassword.errors} {...inputProps(fields.newPassword, { type: 'password' })} />
					<Field label="确认新密码" autoComplete="new-password" errors={fields.confirmPassword.errors} {...inputProps(fields.confirmPassword, { type: 'password' })} />
					<Button type="submit">保存新密码</Button>
				</Form>
			</div>
		</Page>
	)
}
