import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, ErrorList, FormError, TextareaField } from '#app/components/forms.tsx'
import { QUESTION_TYPE_LABELS } from '#app/exams/bank/question-types.ts'
import { applyKeyCorrection, getVersionForKeyCorrection, previewKeyCorrection, type RegradeDifference } from '#app/exams/grading/regrade.ts'
import { formatAnswer } from '#app/exams/import/answer-format.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { BankNav } from '#app/components/bank-nav.tsx'
import { TrueFalseKeyChoices } from './__question-editor.tsx'
import { contentInputFromValues, formValuesFromContent, QuestionFormFieldsSchema, type QuestionFormValues } from './__question-form.ts'

export const meta: MetaFunction = () => [{ title: '更正答案 · 题库 · 红审学堂' }]

async function loadVersion(questionId: string, versionId: string) {
	const version = await getVersionForKeyCorrection(prisma, { questionId, versionId })
	if (!version) throw data({ message: '题目版本不存在' }, { status: 404 })
	return version
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank/:questionId/key')
	const { versionNo, answered, content } = await loadVersion(params.questionId!, params.versionId!)
	return { versionNo, answered, type: content.type, stem: content.stem, options: content.options, currentKey: formatAnswer(content), values: formValuesFromContent(content) }
}

const text = z
	.string()
	.optional()
	.transform((value) => value ?? '')
const KeyFields = QuestionFormFieldsSchema.pick({ answerSingle: true, answerMultiple: true, answerTrueFalse: true, answerBlanks: true }).shape

/** Preview first (the reason may wait), then apply with a reason; the key itself is checked by the domain. */
export const KeyCorrectionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('preview'), ...KeyFields, reason: text }),
	z.object({
		intent: z.literal('apply'),
		...KeyFields,
		reason: z.string({ error: '请填写更正原因' }).trim().min(1, { error: '请填写更正原因' }),
	}),
])

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/bank/:questionId/key')
	const questionId = params.questionId!
	const versionId = params.versionId!
	const { content } = await loadVersion(questionId, versionId)
	const submission = parseWithZod(await request.formData(), { schema: KeyCorrectionSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const { intent, reason, ...typed } = submission.value
	const answerKey = contentInputFromValues({ ...formValuesFromContent(content), ...typed }).answerKey
	if (intent === 'apply') {
		const applied = await applyKeyCorrection(prisma, { versionId, answerKey, actorId: admin.id, reason })
		if (!applied.ok) return keyRefusal(submission, applied.fieldErrors)
		throw await redirectWithToast(`/bank/${questionId}/key/${versionId}`, {
			title: `已将答案由 ${applied.before} 更正为 ${applied.after}。`,
			description: `重新评分 ${applied.affectedAttempts} 份答卷，其中 ${applied.differences.length} 份得分变化。`,
		})
	}
	const preview = await previewKeyCorrection(prisma, { versionId, answerKey })
	if (!preview.ok) return keyRefusal(submission, preview.fieldErrors)
	// A preview writes nothing: it answers with the differences, and the form as typed.
	return { preview: { affectedAttempts: preview.affectedAttempts, differences: preview.differences }, typed: { ...typed, reason } }
}

function keyRefusal(submission: Parameters<typeof refusalReply>[0], fieldErrors: Record<string, string[]>) {
	const { form, ...byField } = fieldErrors
	return refusalReply(submission, { fieldErrors: byField, formError: form?.[0] })
}

function KeyInputs({ type, options, values }: { type: string; options: { key: string; text: string }[]; values: QuestionFormValues }) {
	if (type === 'single' || type === 'multiple') {
		return (
			<div className="flex flex-col gap-1">
				{options.map((option) => (
					<label key={option.key} className="flex items-center gap-2 text-sm">
						<input
							type={type === 'multiple' ? 'checkbox' : 'radio'}
							name={type === 'multiple' ? 'answerMultiple' : 'answerSingle'}
							value={option.key}
							defaultChecked={type === 'multiple' ? values.answerMultiple.includes(option.key) : values.answerSingle === option.key}
						/>
						<span className="font-mono">{option.key}.</span> {option.text}
					</label>
				))}
			</div>
		)
	}
	if (type === 'true_false') return <TrueFalseKeyChoices checked={values.answerTrueFalse} />
	return <TextareaField label="答案（每行一个空，同一空的多个答案用 | 分隔）" name="answerBlanks" rows={4} defaultValue={values.answerBlanks} />
}

export default function KeyCorrectionPage() {
	const loaded = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const lastResult = actionData && 'status' in actionData ? actionData : undefined
	const preview = actionData && 'preview' in actionData ? actionData : null
	const [form, fields] = useForm({
		id: 'key-correction',
		lastResult,
		constraint: getZodConstraint(KeyCorrectionSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: KeyCorrectionSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	// As typed when the server answered (a preview or a refusal), also without JavaScript.
	const echoed = preview?.typed ?? lastResult?.initialValue
	const typed = echoed ? QuestionFormFieldsSchema.partial().safeParse(echoed) : null
	const values: QuestionFormValues = { ...loaded.values, ...(typed?.success ? typed.data : {}) }
	const reason = typeof echoed?.reason === 'string' ? echoed.reason : ''
	return (
		<Page>
			<PageHeader
				title={`更正答案：第 ${loaded.versionNo} 版${QUESTION_TYPE_LABELS[loaded.type]}题`}
				description={`此版本已有 ${loaded.answered} 份作答。更正后，所有已交卷的答卷按新答案重新评分，差异和原因记入审计日志。只更正这一版本；如之后的版本答案同样有误，请另行编辑题目。`}
			/>
			<BankNav />
			<p className="mb-2 whitespace-pre-wrap rounded border border-gray-200 bg-white p-4">{loaded.stem}</p>
			<p className="mb-4 text-sm">
				当前答案：<strong>{loaded.currentKey}</strong>
			</p>
			<Form method="post" key={loaded.currentKey} className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5" aria-label="更正答案" {...getFormProps(form)}>
				<fieldset>
					<legend className="mb-2 text-sm font-medium">正确答案</legend>
					<KeyInputs type={loaded.type} options={loaded.options} values={values} />
					<ErrorList errors={form.allErrors.answerKey} />
				</fieldset>
				<TextareaField label="更正原因" name={fields.reason.name} rows={2} defaultValue={reason} errors={fields.reason.errors} />
				<FormError message={form.errors?.[0]} />
				<div className="flex flex-wrap gap-2">
					<Button type="submit" name="intent" value="preview" variant="secondary" pendingLabel="计算中…">
						预览重新评分
					</Button>
					{preview ? (
						<Button type="submit" name="intent" value="apply" variant="danger" pendingLabel="更正中…">
							确认更正并重新评分
						</Button>
					) : null}
				</div>
			</Form>
			{preview ? <Differences stage="preview" differences={preview.preview.differences} affected={preview.preview.affectedAttempts} /> : null}
			<p className="mt-4">
				<Link to=".." relative="path" className="text-brand-700 hover:underline">
					返回题目
				</Link>
			</p>
		</Page>
	)
}

function Differences({ stage, differences, affected }: { stage: 'preview' | 'applied'; differences: RegradeDifference[]; affected: number }) {
	return (
		<section className="mt-4 rounded-lg border border-gray-200 bg-white p-5">
			<h2 className="mb-2 font-semibold">{stage === 'preview' ? `预览：${affected} 份答卷中 ${differences.length} 份得分将变化` : '得分变化'}</h2>
			{differences.length ? (
				<table className="min-w-full text-sm" aria-label="得分变化">
					<thead className="text-left text-gray-600">
						<tr>
							<th className="py-1 pr-4">姓名</th>
							<th className="py-1 pr-4">工号</th>
							<th className="py-1 pr-4">轮次</th>
							<th className="py-1 pr-4">本题得分</th>
							<th className="py-1 pr-4">总分</th>
						</tr>
					</thead>
					<tbody>
						{differences.map((d) => (
							<tr key={d.attemptId} className="border-t border-gray-100">
								<td className="py-1 pr-4">{d.userName}</td>
								<td className="py-1 pr-4 font-mono">{d.username}</td>
								<td className="py-1 pr-4">{d.roundTitle}</td>
								<td className="py-1 pr-4">
									{d.questionBefore ?? '—'} → {d.questionAfter ?? '—'}
								</td>
								<td className="py-1 pr-4">
									{d.totalBefore ?? '—'} → {d.totalAfter}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			) : (
				<p className="text-sm text-gray-600">没有答卷的得分变化。</p>
			)}
		</section>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
