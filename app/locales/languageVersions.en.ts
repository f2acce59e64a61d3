/** English strings of language versions (merged into en.ts under `languageVersions`). */
const languageVersionsEn = {
  title: 'Language versions',
  source: 'source',
  current: 'this version',
  none: 'This document has no other language versions yet.',
  createLabel: 'New language version',
  createHelp: 'A new document in that language, with the same owner, participants and TLP, starting from the source text to be translated.',
  create: 'Create language version',
  sourceChanged: 'The source has changed since {{date}}.',
  sourceChangedHelp: 'Bring this version up to date, then mark it so.',
  showChanges: 'Show the changes in the source',
  diffHidden: 'You may not read the source, so its changes are not shown.',
  markUpToDate: 'Mark as up to date with the source',
  otherLanguages: 'This publication in other languages',
};

export default languageVersionsEn;
