import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Button, Field, FormError, inputProps } from '#app/components/forms.tsx'
import { authenticate, CHANGE_PASSWORD_PATH, requireAnonymous, startSession } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { requiredText } from '#app/utils/forms.ts'
import { safeRedirectPath } from '#app/utils/misc.ts'

const LoginSchema = z.object({
	username: requiredText('请输入工号', 64),
	password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256, '密码过长'),
	redirectTo: z.string().optional(),
})

export const meta: MetaFunction = () => [{ title: '登录 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const submission = parseWithZod(await request.formData(), { schema: LoginSchema })
	// The password never comes back in the reply that refills the form.
	if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
	const { username, password, redirectTo } = submission.value
	const result = await authenticate(prisma, { username, password, ipAddress: context.clientIp ?? 'unknown' })
	if (!result.ok) {
		const headers: HeadersInit = result.throttled ? { 'Retry-After': String(Math.ceil(result.retryAfterMs / 1000)) } : {}
		return data(submission.reply({ formErrors: [result.message], hideFields: ['password'] }), { status: result.throttled ? 429 : 400, headers })
	}
	const cookie = await startSession(request, result.userId, context.clientIp ?? 'unknown')
	const target = result.mustChangePassword ? CHANGE_PASSWORD_PATH : safeRedirectPath(redirectTo)
	throw redirect(target, { headers: { 'Set-Cookie': cookie } })
}

export default function LoginPage() {
	const lastResult = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'login',
		lastResult,
		constraint: getZodConstraint(LoginSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	return (
		<main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-16">
			<div className="text-center">
				<h1 className="text-3xl font-bold text-brand-700">红审学堂</h1>
				<p className="mt-2 text-gray-600">审计干部培训与技能比武平台</p>
			</div>
			<Form method="post" className="flex flex-col gap-4 rounded-lg border bg-white p-6 shadow-sm" {...getFormProps(form)}>
				<FormError message={form.errors?.[0]} />
				<Field label="工号" autoComplete="username" autoFocus errors={fields.username.errors} {...inputProps(fields.username, { type: 'text' })} />
				<Field label="密码" autoComplete="current-password" errors={fields.password.errors} {...inputProps(fields.password, { type: 'password' })} />
				<input type="hidden" name={fields.redirectTo.name} value={searchParams.get('redirectTo') ?? ''} />
				<Button type="submit">登录</Button>
				<p className="text-center text-xs text-gray-600">账号由管理员开通；忘记密码请联系本单位管理员重置。</p>
			</Form>
		</main>
	)
}
