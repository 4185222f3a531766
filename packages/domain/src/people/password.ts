import { ZxcvbnFactory, type TranslationKeys } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import type { Rules } from '../rules/config.js';
import commonPasswordsZh from './common-passwords-zh.json';

/** The published password of the demo county's seeded accounts: never acceptable as a new password. */
export const DEMO_PASSWORD = 'Tuanjian2026';

/** Whose password it is: the estimator counts these as words an attacker would try first. */
export interface PasswordOwner {
  username?: string;
  /** The display name (姓名). */
  name?: string | null;
}

/** zxcvbn's feedback in Chinese (keys as in @zxcvbn-ts/core's translationKeys). */
const ZH: TranslationKeys = {
  warnings: {
    straightRow: '键盘上连在一起的一排键很容易被猜到',
    keyPattern: '键盘上相邻按键组成的图案很容易被猜到',
    simpleRepeat: '“aaa”这样的重复字符很容易被猜到',
    extendedRepeat: '“abcabcabc”这样的重复组合很容易被猜到',
    sequences: '“abc”“123”这样的顺序字符很容易被猜到',
    recentYears: '近年的年份很容易被猜到',
    dates: '日期（如生日）很容易被猜到',
    topTen: '这是最常用的密码之一',
    topHundred: '这是非常常用的密码',
    common: '这是常用密码',
    similarToCommon: '这与常用密码非常相似',
    wordByItself: '单个词语或拼音很容易被猜到',
    namesByThemselves: '单独的姓名或姓氏很容易被猜到',
    commonNames: '常见的姓名或姓氏很容易被猜到',
    userInputs: '密码中不应包含您的用户名、姓名等个人信息',
    pwned: '该密码已在公开泄露的数据中出现',
  },
  suggestions: {
    l33t: '把字母换成相似的数字或符号（如 a→@、o→0）并不能增加多少强度',
    reverseWords: '把常用词倒过来写同样容易被猜到',
    allUppercase: '只大写部分字母，而不是全部大写',
    capitalization: '仅把首字母大写并不能增加多少强度',
    dates: '不要使用与自己有关的日期和年份',
    recentYears: '不要使用近年的年份',
    associatedYears: '不要使用与自己有关的年份',
    sequences: '不要使用顺序字符',
    repeated: '不要使用重复的字词和字符',
    longerKeyboardPattern: '不要使用键盘上的连续按键',
    anotherWord: '再加几个不常见的词语或拼音',
    useWords: '可用几个互不相关的词语或拼音组成一句只有自己知道的话',
    noNeed: '无需符号、数字或大写字母，也能设出强密码',
    pwned: '如在其他网站也使用了该密码，请一并修改',
  },
  timeEstimation: {
    ltSecond: '不到1秒',
    second: '1秒',
    seconds: '{base}秒',
    minute: '1分钟',
    minutes: '{base}分钟',
    hour: '1小时',
    hours: '{base}小时',
    day: '1天',
    days: '{base}天',
    month: '1个月',
    months: '{base}个月',
    year: '1年',
    years: '{base}年',
    centuries: '数百年',
  },
};

let estimator: ZxcvbnFactory | undefined;
/** Built on first use: the dictionaries take a moment to rank, and a client that never checks never pays. */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    // Named so that the estimator's feedback knows them: '…passwords' as passwords, '…names' as names.
    dictionary: {
      ...zxcvbnCommon.dictionary,
      'zh-passwords': commonPasswordsZh.passwords,
      'zh-names': commonPasswordsZh.names,
      'zh-words': commonPasswordsZh.words,
    },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: ZH,
    // Only the first 40 characters are estimated: the matching grows steeply with length (a
    // 256-character l33t input costs over a second, 40 characters a few dozen ms at worst), and a
    // password whose first 40 characters are hard to guess is hard to guess.
    maxLength: 40,
  });
  return estimator;
}

/** The estimator's score 0 (guessed at once) … 4 (very hard to guess), its feedback in Chinese, and what it recognised. */
export function passwordStrength(password: string, owner: PasswordOwner = {}) {
  const inputs = [owner.username, owner.name].filter((s): s is string => !!s && s.trim() !== '');
  const r = strengthEstimator().check(password, inputs);
  return { score: r.score, warning: r.feedback.warning, suggestions: r.feedback.suggestions, found: recognised(r.sequence) };
}

/** The guessable parts the estimator found, in words a user understands (常见的密码、词语、拼音或姓名“tuanjian”). */
function recognised(sequence: { pattern: string; token: string; dictionaryName?: string }[]): string[] {
  const kinds = new Map<string, string[]>();
  const add = (kind: string, token: string) => kinds.set(kind, [...(kinds.get(kind) ?? []), `“${token}”`]);
  for (const m of sequence) {
    if (m.pattern === 'dictionary') add(m.dictionaryName === 'userInputs' ? '您的用户名或姓名' : '常见的密码、词语、拼音或姓名', m.token);
    else if (m.pattern === 'date' || (m.pattern === 'regex' && /^\d{4}$/.test(m.token))) add('日期或年份', m.token);
    else if (m.pattern === 'sequence' || m.pattern === 'repeat' || m.pattern === 'spatial') add('顺序、重复或键盘上相邻的字符', m.token);
  }
  return [...kinds].map(([kind, tokens]) => kind + tokens.join(''));
}

const HOW_TO_DO_BETTER = '建议使用12位以上、由几个互不相关的词语或拼音加数字和符号组成、只有自己知道的密码';

/**
 * Why a new password is not acceptable, or null when it is. Every path that sets a password a
 * person chose (changing one's own, redeeming a reset code, the member portal) goes through here.
 */
export function passwordProblem(password: string, rules: Rules, owner: PasswordOwner = {}): string | null {
  const { passwordMinLength: min, passwordMinScore } = rules.security;
  if (password.length < min) return `密码至少${min}位`;
  if (password.toLowerCase() === DEMO_PASSWORD.toLowerCase()) {
    return `${DEMO_PASSWORD} 是公开的演示密码，只用于演示账号，不能设为新密码；${HOW_TO_DO_BETTER}`;
  }
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  if (owner.username && password.toLowerCase().includes(owner.username.toLowerCase())) return '密码不能包含用户名';
  const strength = passwordStrength(password, owner);
  if (strength.score < passwordMinScore) {
    const why = strength.warning ?? (strength.found.length ? `含有${strength.found.join('、')}，容易被猜到` : '这个密码容易被猜到');
    const tips = [...strength.suggestions.filter((s) => s !== ZH.suggestions.noNeed), HOW_TO_DO_BETTER];
    return `密码强度不足：${why}。${tips.join('；')}`;
  }
  return null;
}
