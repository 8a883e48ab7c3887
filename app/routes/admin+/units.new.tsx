import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { createUnit, unitChoices } from '#app/admin/units.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { UnitForm, UnitFormSchema } from './__unit-form.tsx'

export const meta: MetaFunction = () => [{ title: '新建单位 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const parent = new URL(request.url).searchParams.get('parent')
	return { parentChoices: await unitChoices(prisma), parentId: parent }
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const submission = parseWithZod(await request.formData(), { schema: UnitFormSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const result = await createUnit(prisma, admin, submission.value)
	if (!result.ok) return refusalReply(submission, result)
	throw await redirectWithToast(`/admin/units/${result.unitId}`, { title: '单位已创建。' })
}

export default function NewUnitPage() {
	const { parentChoices, parentId } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	return (
		<Page>
			<PageHeader title="新建单位" />
			<AdminNav />
			<UnitForm id="new-unit" defaults={{ name: '', kind: 'department', parentId }} parentChoices={parentChoices} lastResult={lastResult} submitLabel="创建单位" />
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
