// Admin: a ranking draft of one round or season — the rows as they would be published, what
// changed since the last version and why, and the publish button. Publishing sends the hash of
// the draft shown, so rows the admin has not seen are never published (ADR 061).
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { UnitMembersTable } from '#app/components/ranking-unit-members.tsx'
import { Button } from '#app/components/forms.tsx'
import { IntentForm } from '#app/components/intent-form.tsx'
import { RankingBoard } from '#app/components/ranking-board.tsx'
import { RankingDiffView } from '#app/components/ranking-diff.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { buildDraft, publishRanking, RankingScopeSchema } from '#app/rankings/snapshots.server.ts'
import { boardView, diffView, unitMembers } from '#app/rankings/view.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction = () => [{ title: '排行榜草稿 · 管理 · 红审学堂' }]

const ParamsSchema = z.object({ scope: RankingScopeSchema, scopeId: z.string().min(1).max(100) })
const PublishSchema = z.object({
	intent: z.literal('publish', { error: '未知操作' }),
	reviewedHash: z.string({ error: '草稿标识无效，请刷新页面后重新核对' }).regex(/^[0-9a-f]{64}$/, { error: '草稿标识无效，请刷新页面后重新核对' }),
})

function notFound() {
	return data({ message: '找不到这个轮次或赛季。' }, { status: 404 })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const parsed = ParamsSchema.safeParse(params)
	if (!parsed.success) throw notFound()
	const draft = await buildDraft(prisma, { ...parsed.data, now: new Date() })
	if (!draft) throw notFound()
	const unit = new URL(request.url).searchParams.get('unit')
	return {
		unitIds: draft.content.units.map((u) => u.unitId),
		drill: unit ? unitMembers(draft.content, unit.slice(0, 100)) : null,
		board: boardView(draft.content, null),
		contentHash: draft.contentHash,
		previous: draft.previous ? { version: draft.previous.version, contentHash: draft.previous.contentHash, publishedAt: draft.previous.publishedAt.toISOString(), publishedByName: draft.previous.publishedByName } : null,
		unchanged: draft.previous?.contentHash === draft.contentHash,
		diff: diffView(draft.diff),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const parsedParams = ParamsSchema.safeParse(params)
	if (!parsedParams.success) throw notFound()
	const submission = parseWithZod(await request.formData(), { schema: PublishSchema })
	// The form is one button and a hidden hash: whatever is wrong is said above the button (ADR 070).
	if (submission.status !== 'success') {
		const message = Object.values(submission.error ?? {}).flat()[0] ?? '发布失败'
		return data(submission.reply({ formErrors: [message] }), { status: 400 })
	}
	const result = await publishRanking(prisma, { ...parsedParams.data, reviewedHash: submission.value.reviewedHash, actorId: admin.id, now: new Date() })
	if (!result.ok) return data(submission.reply({ formErrors: [Object.values(result.fieldErrors).flat()[0] ?? '发布失败'] }), { status: 400 })
	throw await redirectWithToast('/admin/rankings', { title: `已发布第 ${result.version} 版排行榜。` })
}

export default function RankingDraftPage() {
	const { board, contentHash, previous, unchanged, diff, unitIds, drill } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	return (
		<Page wide>
			<AdminNav />
			<PageHeader
				title={`排行榜草稿：${board.title}`}
				description="以下为按当前已公布成绩生成的排名，尚未发布。核对后点击发布，学员即可看到。"
				actions={
					<Link to="/admin/rankings" className="text-sm text-brand-700 hover:underline">
						返回排行榜发布
					</Link>
				}
			/>
			<section aria-label="发布" className="mb-6 rounded-lg border bg-white p-4 text-sm">
				<p>
					草稿内容哈希（SHA-256）：<span className="font-mono break-all">{contentHash}</span>
				</p>
				<p className="mt-1 text-gray-700">
					{previous
						? `上一版：第 ${previous.version} 版，${previous.publishedByName} 于 ${formatChinaDateTime(new Date(previous.publishedAt))} 发布。`
						: '尚未发布过，发布后为第 1 版。'}
				</p>
				{unchanged ? (
					<p className="mt-3 text-gray-700">与已发布的第 {previous?.version} 版完全相同，无需重新发布。</p>
				) : (
					<IntentForm id="publish-ranking" className="mt-3" lastResult={lastResult}>
						<input type="hidden" name="reviewedHash" value={contentHash} />
						<Button type="submit" name="intent" value="publish" pendingLabel="正在发布…">
							{previous ? `发布第 ${previous.version + 1} 版` : '发布排行榜'}
						</Button>
					</IntentForm>
				)}
			</section>
			{previous ? <div className="mb-6"><RankingDiffView diff={diff} title={`与第 ${previous.version} 版相比的变化`} /></div> : null}
			{drill ? (
				<section aria-label="单位人员" className="mb-6 rounded-lg border bg-white p-4 text-sm">
					<h3 className="mb-2 font-semibold">
						{drill.unitName}：参与排名 {drill.people.length} 人，缺考 {drill.absent.length} 人
					</h3>
					<UnitMembersTable members={drill} />
				</section>
			) : null}
			<RankingBoard board={board} unitHref={(index) => `?unit=${encodeURIComponent(unitIds[index] ?? '')}`} />
		</Page>
	)
}
