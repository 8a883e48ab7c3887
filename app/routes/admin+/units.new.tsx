import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { createUnit, unitChoices } from '#app/admin/units.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { parseFormData } from '#app/utils/forms.ts'
import { AdminNav } from './__admin-nav.tsx'
import { refusalResponse } from './__form-echo.ts'
import { UnitForm, UnitFormSchema } from './__unit-form.tsx'

export const meta: MetaFunction = () => [{ title: '新建单位 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
	const parent = new URL(request.url).searchParams.get('parent')
	return { parentChoices: await unitChoices(prisma), parentId: parent }
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireRole(request, 'admin')
	const formData = await request.formData()
	const parsed = parseFormData(formData, UnitFormSchema)
	if (!parsed.ok) return refusalResponse(parsed, formData)
	const result = await createUnit(prisma, admin, parsed.data)
	if (!result.ok) return refusalResponse(result, formData)
	throw redirect(`/admin/units/${result.unitId}?created=1`)
}

export default function NewUnitPage() {
	const { parentChoices, parentId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<Page>
			<PageHeader title="新建单位" />
			<AdminNav />
			<UnitForm
				defaults={{ name: '', kind: 'department', parentId }}
				parentChoices={parentChoices}
				failure={actionData && !actionData.ok ? actionData : null}
				submitLabel="创建单位"
			/>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
