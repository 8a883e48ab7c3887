// The 共性问题清单 filter, read the same way by the list, the booklet and the export.
import { z } from 'zod'
import { TOPICS } from '#app/utils/topics.ts'

const ProblemQuerySchema = z.object({
	topic: z.enum(TOPICS).optional().catch(undefined),
	category: z.string().trim().max(50).optional().catch(undefined),
	q: z.string().trim().max(100).catch(''),
})

export function problemQuery(request: Request) {
	const params = new URL(request.url).searchParams
	return ProblemQuerySchema.parse({ topic: params.get('topic') || undefined, category: params.get('category') || undefined, q: params.get('q') ?? '' })
}

export function filterSearch({ topic, category }: { topic?: string; category?: string }) {
	const params = new URLSearchParams()
	if (topic) params.set('topic', topic)
	if (category) params.set('category', category)
	const text = params.toString()
	return text ? `?${text}` : ''
}
