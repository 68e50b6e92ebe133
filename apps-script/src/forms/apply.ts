// The one side effect of the form builders: makes a Google Form match a FormSpec, reusing remembered item ids so re-runs update in place.
import type { ChoiceSpec, FormSpec, ItemKind, ItemSpec } from './spec';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type PageBreakItem = GoogleAppsScript.Forms.PageBreakItem;

function itemType(kind: ItemKind): GoogleAppsScript.Forms.ItemType {
  switch (kind) {
    case 'header':
      return FormApp.ItemType.SECTION_HEADER;
    case 'page':
      return FormApp.ItemType.PAGE_BREAK;
    case 'text':
      return FormApp.ItemType.TEXT;
    case 'paragraph':
      return FormApp.ItemType.PARAGRAPH_TEXT;
    case 'date':
      return FormApp.ItemType.DATE;
    case 'list':
      return FormApp.ItemType.LIST;
    case 'choice':
      return FormApp.ItemType.MULTIPLE_CHOICE;
    case 'checkbox':
      return FormApp.ItemType.CHECKBOX;
  }
}

/** Adds an item of the kind; the typed item FormApp returns is not an `Item`, so it is looked up again by id. */
function addItem(form: Form, kind: ItemKind): Item {
  const id = addTyped(form, kind).getId();
  const item = form.getItemById(id);
  if (!item) throw new Error(`FormApp did not return item ${String(id)}`);
  return item;
}

function addTyped(form: Form, kind: ItemKind): { getId(): number } {
  switch (kind) {
    case 'header':
      return form.addSectionHeaderItem();
    case 'page':
      return form.addPageBreakItem();
    case 'text':
      return form.addTextItem();
    case 'paragraph':
      return form.addParagraphTextItem();
    case 'date':
      return form.addDateItem();
    case 'list':
      return form.addListItem();
    case 'choice':
      return form.addMultipleChoiceItem();
    case 'checkbox':
      return form.addCheckboxItem();
  }
}

/** Sets everything but choice navigation and page jumps, which need every page to exist first. */
function configure(item: Item, spec: ItemSpec): void {
  switch (spec.kind) {
    case 'header':
      item.asSectionHeaderItem().setTitle(spec.title).setHelpText(spec.help);
      return;
    case 'page':
      item.asPageBreakItem().setTitle(spec.title).setHelpText(spec.help);
      return;
    case 'text': {
      const text = item.asTextItem().setTitle(spec.title).setHelpText(spec.help).setRequired(spec.required);
      if (spec.pattern) {
        text.setValidation(
          FormApp.createTextValidation()
            .setHelpText(spec.pattern.message)
            .requireTextMatchesPattern(spec.pattern.regex)
            .build(),
        );
      } else {
        text.clearValidation();
      }
      return;
    }
    case 'paragraph':
      item.asParagraphTextItem().setTitle(spec.title).setHelpText(spec.help).setRequired(spec.required);
      return;
    case 'date':
      item.asDateItem().setTitle(spec.title).setHelpText(spec.help).setRequired(spec.required).setIncludesYear(true);
      return;
    case 'list':
      item.asListItem().setTitle(spec.title).setHelpText(spec.help).setRequired(spec.required);
      return;
    case 'choice':
      item
        .asMultipleChoiceItem()
        .setTitle(spec.title)
        .setHelpText(spec.help)
        .setRequired(spec.required)
        .showOtherOption(false);
      return;
    case 'checkbox': {
      const box = item
        .asCheckboxItem()
        .setTitle(spec.title)
        .setHelpText(spec.help)
        .setRequired(spec.required)
        .showOtherOption(false);
      box.setChoiceValues(spec.choices);
      if (spec.minSelected > 0) {
        box.setValidation(
          FormApp.createCheckboxValidation()
            .setHelpText(spec.validationHelp)
            .requireSelectAtLeast(spec.minSelected)
            .build(),
        );
      } else {
        box.clearValidation();
      }
      return;
    }
  }
}

function setChoices(
  item: Item,
  kind: 'list' | 'choice',
  choices: readonly ChoiceSpec[],
  pages: ReadonlyMap<string, PageBreakItem>,
): void {
  if (kind === 'list') {
    const list = item.asListItem();
    list.setChoices(
      choices.map((c) => {
        const page = c.goTo === undefined ? undefined : pages.get(c.goTo);
        return page ? list.createChoice(c.value, page) : list.createChoice(c.value);
      }),
    );
  } else {
    const choice = item.asMultipleChoiceItem();
    choice.setChoices(
      choices.map((c) => {
        const page = c.goTo === undefined ? undefined : pages.get(c.goTo);
        return page ? choice.createChoice(c.value, page) : choice.createChoice(c.value);
      }),
    );
  }
}

export interface ApplyReport {
  /** Item id per spec key, to remember for the next run and for mapping answers. */
  items: Record<string, number>;
  created: number;
  deleted: number;
}

/**
 * Makes `form` match `spec`. Items remembered in `known` are updated in place (so their ids, and answers already given,
 * stay); missing ones are created; remembered items no longer in the spec are deleted. Items the committee added by
 * hand (e.g. a file-upload question) are left alone, after the managed ones.
 */
export function applyFormSpec(form: Form, spec: FormSpec, known: Readonly<Record<string, number>>): ApplyReport {
  const report: ApplyReport = { items: {}, created: 0, deleted: 0 };
  const byKey = new Map<string, Item>();
  for (const itemSpec of spec.items) {
    const rememberedId = known[itemSpec.key];
    let item = rememberedId === undefined ? null : form.getItemById(rememberedId);
    if (item && item.getType() !== itemType(itemSpec.kind)) {
      form.deleteItem(item);
      report.deleted++;
      item = null;
    }
    if (!item) {
      item = addItem(form, itemSpec.kind);
      report.created++;
    }
    configure(item, itemSpec);
    byKey.set(itemSpec.key, item);
    report.items[itemSpec.key] = item.getId();
  }

  for (const [key, id] of Object.entries(known)) {
    if (byKey.has(key)) continue;
    const stale = form.getItemById(id);
    if (stale) {
      form.deleteItem(stale);
      report.deleted++;
    }
  }

  const pages = new Map<string, PageBreakItem>();
  for (const itemSpec of spec.items) {
    const item = byKey.get(itemSpec.key);
    if (item && itemSpec.kind === 'page') pages.set(itemSpec.key, item.asPageBreakItem());
  }
  for (const itemSpec of spec.items) {
    const item = byKey.get(itemSpec.key);
    if (!item) continue;
    if (itemSpec.kind === 'list' || itemSpec.kind === 'choice')
      setChoices(item, itemSpec.kind, itemSpec.choices, pages);
    if (itemSpec.kind === 'page') {
      const target = itemSpec.goTo === null ? undefined : pages.get(itemSpec.goTo);
      const page = item.asPageBreakItem();
      if (target) page.setGoToPage(target);
      else page.setGoToPage(FormApp.PageNavigationType.CONTINUE);
    }
  }

  spec.items.forEach((itemSpec, index) => {
    const item = byKey.get(itemSpec.key);
    if (item && item.getIndex() !== index) form.moveItem(item, index);
  });
  return report;
}
