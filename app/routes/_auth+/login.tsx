import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Button, Field, FormError } from '#app/components/forms.tsx'
import { authenticate, CHANGE_PASSWORD_PATH, requireAnonymous, startSession } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formFailure, parseFormData, requiredText } from '#app/utils/forms.ts'
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
	const parsed = parseFormData(await request.formData(), LoginSchema)
	if (!parsed.ok) return data(parsed, { status: 400 })
	const { username, password, redirectTo } = parsed.data
	const result = await authenticate(prisma, { username, password, ipAddress: context.clientIp ?? 'unknown' })
	if (!result.ok) {
		const headers: HeadersInit = result.throttled ? { 'Retry-After': String(Math.ceil(result.retryAfterMs / 1000)) } : {}
		return data({ ...formFailure({}, result.message), values: { username } }, { status: result.throttled ? 429 : 400, headers })
	}
	const cookie = await startSession(request, result.userId, context.clientIp ?? 'unknown')
	const target = result.mustChangePassword ? CHANGE_PASSWORD_PATH : safeRedirectPath(redirectTo)
	throw redirect(target, { headers: { 'Set-Cookie': cookie } })
}

export default function LoginPage() {
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const errors = actionData && !actionData.ok ? actionData.fieldErrors : {}
	return (
		<main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-16">
			<div className="text-center">
				<h1 className="text-3xl font-bold text-brand-700">红审学堂</h1>
				<p className="mt-2 text-gray-600">审计干部培训与技能比武平台</p>
			</div>
			<Form method="post" className="flex flex-col gap-4 rounded-lg border bg-white p-6 shadow-sm" noValidate>
				<FormError message={actionData && !actionData.ok ? actionData.formError : null} />
				<Field
					label="工号"
					name="username"
					autoComplete="username"
					autoFocus
					required
					defaultValue={actionData && !actionData.ok ? actionData.values?.username : undefined}
					errors={errors.username}
				/>
				<Field label="密码" name="password" type="password" autoComplete="current-password" required errors={errors.password} />
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<Button type="submit">登录</Button>
				<p className="text-center text-xs text-gray-500">账号由管理员开通；忘记密码请联系本单位管理员重置。</p>
			</Form>
		</main>
	)
}
