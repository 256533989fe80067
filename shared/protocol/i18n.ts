/**
 * Texts of protocol errors in every locale, formatted with the shared `t()` placeholders
 * ({name}, {name:company}, …). Order problems use the engine's own `orders.*` keys.
 */
import { t, type Locale } from '../i18n/index.js';
import type { ErrorCode } from './messages.js';

const EN: Record<ErrorCode, string> = {
  'error.unknownMessage': 'unknown message type "{type}"',
  'error.badPayload': 'malformed "{type}" message: {detail}',
  'error.payloadTooLarge': 'message too large ({bytes} bytes, at most {max})',
  'error.rateLimited': 'too many messages: at most {perSecond} a second',
  'error.wrongQuarter': 'that was for quarter {got}; the current quarter is {current}',
  'error.notSeated': 'spectators cannot do that: claim a seat first',
  'error.notYourSeat': 'you play {own:company}, not {seat:company}',
  'error.ordersInvalid': 'the orders have {count} problem(s): {first}',
  'error.ordersLocked': 'you are ready: mark yourself not ready to change your orders',
  'error.gameNotRunning': 'the game is {status}',
  'error.notHost': 'only the host can do that',
  'error.seatTaken': '{company:company} is already played by someone',
  'error.seatUnknown': '{company:company} is not in this game',
  'error.badSeatToken': 'this seat token is not valid for this game',
  'error.badOptions': 'invalid options: {detail}',
  'error.internal': 'internal error; the game goes on',
};

const ZH: Record<ErrorCode, string> = {
  'error.unknownMessage': '未知的消息类型“{type}”',
  'error.badPayload': '“{type}”消息格式错误：{detail}',
  'error.payloadTooLarge': '消息过大（{bytes} 字节，上限 {max}）',
  'error.rateLimited': '消息过多：每秒最多 {perSecond} 条',
  'error.wrongQuarter': '该操作针对第 {got} 季度，当前为第 {current} 季度',
  'error.notSeated': '观众不能这样做：请先选择席位',
  'error.notYourSeat': '你执掌的是{own:company}，不是{seat:company}',
  'error.ordersInvalid': '指令有 {count} 处问题：{first}',
  'error.ordersLocked': '你已就绪：取消就绪后才能修改指令',
  'error.gameNotRunning': '游戏状态为 {status}',
  'error.notHost': '只有主持人可以这样做',
  'error.seatTaken': '{company:company}已有玩家',
  'error.seatUnknown': '{company:company}不在本局游戏中',
  'error.badSeatToken': '该席位令牌对本局游戏无效',
  'error.badOptions': '选项无效：{detail}',
  'error.internal': '内部错误；游戏继续',
};

const TABLES: Record<Locale, Record<ErrorCode, string>> = { en: EN, 'zh-CN': ZH };

/** The error texts of a locale (for completeness tests). */
export function errorTable(locale: Locale): Readonly<Record<ErrorCode, string>> {
  return TABLES[locale];
}

/** The readable text of a protocol error in a locale. */
export function errorText(locale: Locale, code: ErrorCode, params: Readonly<Record<string, string | number>> = {}): string {
  // t() falls back to its key as the template, so a template not in the shared tables formats too.
  return t(locale, TABLES[locale][code], params);
}
