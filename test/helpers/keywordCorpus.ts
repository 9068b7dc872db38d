/**
 * A hand-worked keyword corpus in English (no analyser needed): ten applications of the fixture's three
 * companies, each abstract a few distinct words that Porter leaves alone (pump, laser, motor, filter, signal) or
 * that appear once. test/cli-keywords.test.ts works its PKA and PSI out by hand.
 */
export const KEYWORD_PATENTS = [
  'application_number,publication_number,filing_date,applicants,ipc,claims,title,abstract',
  'A1,P-A1,2019-03-01,Alpha Denki,F04B 1/00,5,Pump one,pump valve laser',
  'A2,P-A2,2019-06-01,Alpha Denki,F04B 1/00,5,Pump two,pump laser',
  'A3,P-A3,2020-03-01,Alpha Denki,F04B 1/00,5,Pump three,pump laser motor',
  'A4,P-A4,2020-06-01,ALPHA DENKI,H02K 1/00,5,Pump four,pump motor',
  'B1,P-B1,2019-04-01,Beta Seiki,H02K 1/00,5,Motor,motor gas',
  'B2,P-B2,2020-04-01,Beta Seiki,B01D 1/00,5,Filter,gas filter',
  'B3,P-B3,2020-05-01,Beta Seiki,H02K 1/00,5,Gas motor,gas motor',
  'B4,P-B4,2020-07-01,Beta Seiki,B01D 1/00,5,Filter two,filter',
  'G1,P-G1,2019-05-01,Gamma Kogyo,H04L 1/00,5,Signal,gas signal',
  'G2,P-G2,2020-08-01,Gamma Kogyo,H04L 1/00,5,Signal filter,signal filter',
].join('\n');
