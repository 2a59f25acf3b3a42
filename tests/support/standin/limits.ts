// What Discord's API rejects in a message, autocomplete result or command registration (400,
// code 50035 "Invalid Form Body"). Limits: https://discord.com/developers/docs/resources/message
// and .../interactions/application-commands. Each problem is one readable line with its path.
import type { Json } from './world.js';

// Written from Discord's documentation, deliberately not imported from src/discord/limits.ts:
// the stand-in is the independent check, so a wrong limit in the bot cannot pass it.

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  optionChoices: 25,
  stringOptionMax: 6000,
} as const;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

function checkLength(problems: string[], path: string, value: unknown, max: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'string') {
    problems.push(`${path}: must be a string`);
    return 0;
  }
  if (value.length > max) problems.push(`${path}: ${value.length} characters, limit ${max}`);
  return value.length;
}

function checkEmbed(problems: string[], path: string, embed: Json): number {
  let total = 0;
  total += checkLength(problems, `${path}.title`, embed.title, LIMITS.embedTitle);
  total += checkLength(problems, `${path}.description`, embed.description, LIMITS.embedDescription);
  total += checkLength(problems, `${path}.footer.text`, obj(embed.footer).text, LIMITS.footerText);
  total += checkLength(problems, `${path}.author.name`, obj(embed.author).name, LIMITS.authorName);
  const fields = arr(embed.fields);
  if (fields.length > LIMITS.embedFields)
    problems.push(`${path}.fields: ${fields.length} fields, limit ${LIMITS.embedFields}`);
  fields.forEach((raw, i) => {
    const field = obj(raw);
    if (!str(field.name).trim()) problems.push(`${path}.fields[${i}].name: required`);
    if (!str(field.value).trim()) problems.push(`${path}.fields[${i}].value: required`);
    total += checkLength(problems, `${path}.fields[${i}].name`, field.name, LIMITS.fieldName);
    total += checkLength(problems, `${path}.fields[${i}].value`, field.value, LIMITS.fieldValue);
  });
  return total;
}

function checkComponents(problems: string[], components: unknown[]): void {
  if (components.length > LIMITS.actionRows)
    problems.push(`components: ${components.length} rows, limit ${LIMITS.actionRows}`);
  components.forEach((rawRow, r) => {
    const row = obj(rawRow);
    if (row.type !== 1) {
      problems.push(`components[${r}].type: top-level components must be action rows`);
      return;
    }
    const children = arr(row.components);
    if (children.length === 0) problems.push(`components[${r}].components: an action row needs at least one component`);
    if (children.length > LIMITS.buttonsPerRow)
      problems.push(`components[${r}].components: ${children.length} buttons, limit ${LIMITS.buttonsPerRow}`);
    children.forEach((rawChild, c) => {
      const child = obj(rawChild);
      const path = `components[${r}].components[${c}]`;
      if (child.type !== 2) return;
      const isLink = child.style === 5;
      if (isLink && child.custom_id !== undefined) problems.push(`${path}: a link button cannot have a custom_id`);
      if (!isLink && !str(child.custom_id)) problems.push(`${path}.custom_id: required for a non-link button`);
      checkLength(problems, `${path}.custom_id`, child.custom_id, LIMITS.customId);
      checkLength(problems, `${path}.label`, child.label, LIMITS.buttonLabel);
      if (!str(child.label) && !child.emoji) problems.push(`${path}: a button needs a label or an emoji`);
    });
  });
}

function checkAllowedMentions(problems: string[], raw: unknown): void {
  if (raw === undefined) return;
  const allowed = obj(raw);
  const parse = arr(allowed.parse);
  for (const kind of parse) {
    if (kind !== 'users' && kind !== 'roles' && kind !== 'everyone')
      problems.push(`allowed_mentions.parse: unknown type ${String(kind)}`);
  }
  if (parse.includes('users') && arr(allowed.users).length)
    problems.push('allowed_mentions: parse users and users are mutually exclusive');
  if (parse.includes('roles') && arr(allowed.roles).length)
    problems.push('allowed_mentions: parse roles and roles are mutually exclusive');
}

/**
 * Problems Discord would report for a message body. `partial` is for edits, where every field is
 * optional and an edit may leave the message otherwise unchanged.
 */
export function messageProblems(body: Json, options: { partial?: boolean } = {}): string[] {
  const problems: string[] = [];
  checkLength(problems, 'content', body.content, LIMITS.content);
  const embeds = arr(body.embeds);
  if (embeds.length > LIMITS.embeds) problems.push(`embeds: ${embeds.length} embeds, limit ${LIMITS.embeds}`);
  let total = 0;
  embeds.forEach((embed, i) => (total += checkEmbed(problems, `embeds[${i}]`, obj(embed))));
  if (total > LIMITS.embedTotal) problems.push(`embeds: ${total} characters across embeds, limit ${LIMITS.embedTotal}`);
  checkComponents(problems, arr(body.components));
  checkAllowedMentions(problems, body.allowed_mentions);
  const empty =
    !str(body.content) &&
    embeds.length === 0 &&
    arr(body.components).length === 0 &&
    arr(body.attachments).length === 0 &&
    !body.sticker_ids &&
    !body.poll;
  if (empty && !options.partial) problems.push('Cannot send an empty message');
  return problems;
}

export function autocompleteProblems(body: Json): string[] {
  const problems: string[] = [];
  const choices = arr(body.choices);
  if (choices.length > LIMITS.autocompleteChoices)
    problems.push(`choices: ${choices.length} choices, limit ${LIMITS.autocompleteChoices}`);
  choices.forEach((raw, i) => {
    const choice = obj(raw);
    const name = str(choice.name);
    if (name.length < 1 || name.length > LIMITS.choiceName)
      problems.push(`choices[${i}].name: ${name.length} characters, must be 1..${LIMITS.choiceName}`);
    if (typeof choice.value === 'string')
      checkLength(problems, `choices[${i}].value`, choice.value, LIMITS.choiceValue);
    else if (typeof choice.value !== 'number') problems.push(`choices[${i}].value: must be a string or a number`);
  });
  return problems;
}

const COMMAND_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function commandProblems(command: Json, path = 'command'): string[] {
  const problems: string[] = [];
  const name = str(command.name);
  const type = command.type ?? 1;
  // Slash command names are lower-case words; user and message command names may have capitals and spaces.
  const nameValid =
    type === 1 ? COMMAND_NAME.test(name) && name === name.toLowerCase() : name.trim().length >= 1 && name.length <= 32;
  if (!nameValid) problems.push(`${path}.name: "${name}" is not a valid command name`);
  if (type === 1) {
    const description = str(command.description);
    if (description.length < 1 || description.length > LIMITS.commandDescription)
      problems.push(`${path}.description: must be 1..${LIMITS.commandDescription} characters`);
  } else {
    if (str(command.description) !== '')
      problems.push(`${path}.description: user and message commands take no description`);
    if (arr(command.options).length > 0) problems.push(`${path}.options: user and message commands take no options`);
  }
  const permissions = command.default_member_permissions;
  if (
    permissions !== undefined &&
    permissions !== null &&
    (typeof permissions !== 'string' || !/^\d+$/.test(permissions))
  ) {
    problems.push(`${path}.default_member_permissions: must be a permission bit set as a string`);
  }
  const contexts = command.contexts;
  if (
    contexts !== undefined &&
    contexts !== null &&
    (!Array.isArray(contexts) || contexts.some((c) => c !== 0 && c !== 1 && c !== 2))
  ) {
    problems.push(`${path}.contexts: must be a list of 0 (guild), 1 (bot DM), 2 (private channel)`);
  }
  problems.push(...optionProblems(arr(command.options), path));
  return problems;
}

/** Options of a command, or of a subcommand (whose own options are checked the same way). */
function optionProblems(options: unknown[], path: string): string[] {
  const problems: string[] = [];
  if (options.length > LIMITS.commandOptions)
    problems.push(`${path}.options: ${options.length} options, limit ${LIMITS.commandOptions}`);
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((raw, i) => {
    const option = obj(raw);
    const optionPath = `${path}.options[${i}]`;
    const optionName = str(option.name);
    if (!COMMAND_NAME.test(optionName) || optionName !== optionName.toLowerCase())
      problems.push(`${optionPath}.name: "${optionName}" is not a valid option name`);
    if (names.has(optionName)) problems.push(`${optionPath}.name: duplicate option ${optionName}`);
    names.add(optionName);
    const description = str(option.description);
    if (description.length < 1 || description.length > LIMITS.commandDescription)
      problems.push(`${optionPath}.description: must be 1..${LIMITS.commandDescription} characters`);
    if (option.required) {
      if (sawOptional) problems.push(`${optionPath}: required options must come before optional ones`);
    } else sawOptional = true;
    const choices = arr(option.choices);
    if (choices.length > LIMITS.optionChoices)
      problems.push(`${optionPath}.choices: ${choices.length} choices, limit ${LIMITS.optionChoices}`);
    if (choices.length && option.autocomplete)
      problems.push(`${optionPath}: autocomplete and choices are mutually exclusive`);
    if (
      option.max_length !== undefined &&
      (typeof option.max_length !== 'number' || option.max_length < 1 || option.max_length > LIMITS.stringOptionMax)
    ) {
      problems.push(`${optionPath}.max_length: must be 1..${LIMITS.stringOptionMax}`);
    }
    if (option.type === 1 || option.type === 2) problems.push(...optionProblems(arr(option.options), optionPath));
  });
  const kinds = options.map((o) => obj(o).type);
  if (kinds.some((k) => k === 1 || k === 2) && kinds.some((k) => k !== 1 && k !== 2))
    problems.push(`${path}.options: subcommands cannot sit beside plain options`);
  return problems;
}

/** Discord's 50035 error body, with the problems listed under `errors` for a readable test failure. */
export function invalidFormBody(problems: string[]): Json {
  return {
    code: 50035,
    message: 'Invalid Form Body',
    errors: { _errors: problems.map((message) => ({ code: 'BASE_TYPE_INVALID', message })) },
  };
}
