import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: '导师带徒 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'mentor')
	return null
}

export default function MentorPage() {
	return (
		<Page>
			<PageHeader title="导师带徒" description="导师在此跟进所带青年审计干部的学习与比武情况。" />
			<p className="rounded border border-dashed bg-white p-8 text-center text-gray-600">尚未为您分配徒弟。结对由管理员设置，设置后徒弟的学习进度将显示在这里。</p>
		</Page>
	)
}
