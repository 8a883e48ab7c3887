// The 专题 every part of the product shares: courses are filed under them, questions and
// draw rules are drawn by them, rankings will be broken down by them. Names follow the
// glossary (docs/conventions.md). Isomorphic and data-free.
import { z } from 'zod'

export const TOPICS = [
	'fiscal',
	'economic_responsibility',
	'fixed_asset_investment',
	'combined',
	'big_data',
	'party_integrity',
	'general',
] as const
export type Topic = (typeof TOPICS)[number]
export const TopicSchema = z.enum(TOPICS, { error: '专题无效' })

export const TOPIC_LABELS: Record<Topic, string> = {
	fiscal: '财政',
	economic_responsibility: '经责',
	fixed_asset_investment: '固投',
	combined: '综合',
	big_data: '大数据审计',
	party_integrity: '党建与廉政',
	general: '通用',
}
