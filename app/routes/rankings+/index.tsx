import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { requireRole } from '#app/utils/auth.server.ts'

export const meta: MetaFunction = () => [{ title: '排行榜 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['learner', 'mentor', 'lecturer', 'admin'])
	return null
}

/** Rankings are published by admins (绩效比拼晾晒); until one is, the page says so. */
export default function RankingsPage() {
	return (
		<Page>
			<PageHeader title="排行榜" description="个人与单位的绩效比拼结果，由管理员审核后公开发布。" />
			<p className="rounded border border-dashed bg-white p-8 text-center text-gray-600">目前还没有已发布的排行榜。管理员发布后，将在此处公示。</p>
		</Page>
	)
}
