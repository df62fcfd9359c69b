import { describe, expect, it } from 'vitest';
import { icdSliceCatalog } from '../../test/support/icd-slice';
import type { IcdSliceRow } from '../../test/support/icd-slice';
import { chartFromText } from '../chart';
import { chronicUlcerCode } from './chronic-ulcers';
import { encounterKind } from './injury-encounter';
import { secondarySites } from './secondary-neoplasms';
import { SuggestionEngine, type ProcedureStage } from './suggest';

/**
 * Coding conventions of specialty notes, each on synthetic sentences, with cases where the rule must not fire:
 * injury 7th characters, diabetes "with" links and ulcer site/depth, secondary neoplasms, chemotherapy encounters,
 * dementia with a named cause, status and history codes, long-term drug therapy only for current, addressed drugs,
 * symptoms that cause (not result from) a diagnosis, unspecified injury beside a named one. FY2026 titles and notes.
 */
const rows: IcdSliceRow[] = [
    ["C22",false,"Malignant neoplasm of liver and intrahepatic bile ducts",2,{"fiscalYear":2026,"useAdditionalCode":["code to identify:","alcohol abuse and dependence (F10.-)","hepatitis B (B16.-, B18.0-B18.1)","hepatitis C (B17.1-, B18.2)"]}],
    ["C22.9",true,"Malignant neoplasm of liver, not specified as primary or secondary",2],
    ["C25",false,"Malignant neoplasm of pancreas",2,{"fiscalYear":2026,"useAdditionalCode":["code to identify:","alcohol abuse and dependence (F10.-)"]}],
    ["C25.9",true,"Malignant neoplasm of pancreas, unspecified",2],
    ["C78",false,"Secondary malignant neoplasm of respiratory and digestive organs",2],
    ["C78.0",false,"Secondary malignant neoplasm of lung",2],
    ["C78.00",true,"Secondary malignant neoplasm of unspecified lung",2],
    ["C78.01",true,"Secondary malignant neoplasm of right lung",2],
    ["C78.02",true,"Secondary malignant neoplasm of left lung",2],
    ["C78.7",true,"Secondary malignant neoplasm of liver and intrahepatic bile duct",2],
    ["C79",false,"Secondary malignant neoplasm of other and unspecified sites",2],
    ["C79.5",false,"Secondary malignant neoplasm of bone and bone marrow",2],
    ["C79.51",true,"Secondary malignant neoplasm of bone",2],
    ["C79.52",true,"Secondary malignant neoplasm of bone marrow",2],
    ["E11",false,"Type 2 diabetes mellitus",4,{"fiscalYear":2026,"useAdditionalCode":["code to identify control using:","insulin (Z79.4)","oral antidiabetic drugs (Z79.84)","oral hypoglycemic drugs (Z79.84)"]}],
    ["E11.4",false,"Type 2 diabetes mellitus with neurological complications",4],
    ["E11.40",true,"Type 2 diabetes mellitus with diabetic neuropathy, unspecified",4],
    ["E11.41",true,"Type 2 diabetes mellitus with diabetic mononeuropathy",4],
    ["E11.42",true,"Type 2 diabetes mellitus with diabetic polyneuropathy",4,undefined,["Type 2 diabetes mellitus with diabetic neuralgia"]],
    ["E11.43",true,"Type 2 diabetes mellitus with diabetic autonomic (poly)neuropathy",4,undefined,["Type 2 diabetes mellitus with diabetic gastroparesis"]],
    ["E11.44",true,"Type 2 diabetes mellitus with diabetic amyotrophy",4],
    ["E11.49",true,"Type 2 diabetes mellitus with other diabetic neurological complication",4],
    ["E11.6",false,"Type 2 diabetes mellitus with other specified complications",4],
    ["E11.61",false,"Type 2 diabetes mellitus with diabetic arthropathy",4],
    ["E11.610",true,"Type 2 diabetes mellitus with diabetic neuropathic arthropathy",4,undefined,["Type 2 diabetes mellitus with Charcôt's joints"]],
    ["E11.618",true,"Type 2 diabetes mellitus with other diabetic arthropathy",4],
    ["E11.62",false,"Type 2 diabetes mellitus with skin complications",4],
    ["E11.620",true,"Type 2 diabetes mellitus with diabetic dermatitis",4,undefined,["Type 2 diabetes mellitus with diabetic necrobiosis lipoidica"]],
    ["E11.621",true,"Type 2 diabetes mellitus with foot ulcer",4,{"fiscalYear":2026,"useAdditionalCode":["code to identify site of ulcer (L97.4-, L97.5-)"]}],
    ["E11.622",true,"Type 2 diabetes mellitus with other skin ulcer",4,{"fiscalYear":2026,"useAdditionalCode":["code to identify site of ulcer (L97.1-L97.9, L98.41-L98.49)"]}],
    ["E11.628",true,"Type 2 diabetes mellitus with other skin complications",4],
    ["E11.63",false,"Type 2 diabetes mellitus with oral complications",4],
    ["E11.630",true,"Type 2 diabetes mellitus with periodontal disease",4],
    ["E11.638",true,"Type 2 diabetes mellitus with other oral complications",4],
    ["E11.64",false,"Type 2 diabetes mellitus with hypoglycemia",4],
    ["E11.641",true,"Type 2 diabetes mellitus with hypoglycemia with coma",4],
    ["E11.649",true,"Type 2 diabetes mellitus with hypoglycemia without coma",4],
    ["E11.65",true,"Type 2 diabetes mellitus with hyperglycemia",4],
    ["E11.69",true,"Type 2 diabetes mellitus with other specified complication",4,{"fiscalYear":2026,"useAdditionalCode":["code to identify complication"]}],
    ["E11.9",true,"Type 2 diabetes mellitus without complications",4],
    ["E86",false,"Volume depletion",4,{"fiscalYear":2026,"useAdditionalCode":["code(s) for any associated disorders of electrolyte and acid-base balance (E87.-)"]}],
    ["E86.0",true,"Dehydration",4],
    ["F02",false,"Dementia in other diseases classified elsewhere",5,{"fiscalYear":2026,"codeFirst":["the underlying physiological condition, such as:","Alzheimer's (G30.-)","cerebral lipidosis (E75.4)","Creutzfeldt-Jakob disease (A81.0-)","dementia with Lewy bodies (G31.83)","dementia with Parkinsonism (G31.83)","epilepsy and recurrent seizures (G40.-)","frontotemporal dementia (G31.09)","hepatolenticular degeneration (E83.0)","human immunodeficiency virus [HIV] disease (B20)","Huntington's disease (G10)","hypercalcemia (E83.52)","hypothyroidism, acquired (E00-E03.-)","intoxications (T36-T65)","Jakob-Creutzfeldt disease (A81.0-)","multiple sclerosis (G35)","neurosyphilis (A52.17)","niacin deficiency [pellagra] (E52)","Parkinson's disease (G20)","Pick's disease (G31.01)","polyarteritis nodosa (M30.0)","prion disease (A81.9)","systemic lupus erythematosus (M32.-)","traumatic brain injury (S06.-)","trypanosomiasis (B56.-, B57.-)","vitamin B deficiency (E53.8)"]}],
    ["F02.8",false,"Dementia in other diseases classified elsewhere, unspecified severity",5],
    ["F02.80",true,"Dementia in other diseases classified elsewhere, unspecified severity, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety",5,undefined,["Dementia in other diseases classified elsewhere NOS","Major neurocognitive disorder in other diseases classified elsewhere"]],
    ["F02.81",false,"Dementia in other diseases classified elsewhere, unspecified severity, with behavioral disturbance",5,{"fiscalYear":2026,"useAdditionalCode":["code, if applicable, to identify wandering in dementia in conditions classified elsewhere (Z91.83)"]},["Dementia in other diseases classified elsewhere with aggressive behavior","Dementia in other diseases classified elsewhere with combative behavior","Dementia in other diseases classified elsewhere with violent behavior","Major neurocognitive disorder in other diseases classified elsewhere with aggressive behavior","Major neurocognitive disorder in other diseases classified elsewhere with combative behavior","Major neurocognitive disorder in other diseases classified elsewhere with violent behavior"]],
    ["F02.811",true,"Dementia in other diseases classified elsewhere, unspecified severity, with agitation",5],
    ["F02.818",true,"Dementia in other diseases classified elsewhere, unspecified severity, with other behavioral disturbance",5],
    ["F02.82",true,"Dementia in other diseases classified elsewhere, unspecified severity, with psychotic disturbance",5],
    ["F02.83",true,"Dementia in other diseases classified elsewhere, unspecified severity, with mood disturbance",5],
    ["F02.84",true,"Dementia in other diseases classified elsewhere, unspecified severity, with anxiety",5],
    ["F02.B",false,"Dementia in other diseases classified elsewhere, moderate",5],
    ["F02.B0",true,"Dementia in other diseases classified elsewhere, moderate, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety",5],
    ["F02.B1",false,"Dementia in other diseases classified elsewhere, moderate, with behavioral disturbance",5],
    ["F02.B11",true,"Dementia in other diseases classified elsewhere, moderate, with agitation",5],
    ["F02.B18",true,"Dementia in other diseases classified elsewhere, moderate, with other behavioral disturbance",5],
    ["F02.B2",true,"Dementia in other diseases classified elsewhere, moderate, with psychotic disturbance",5],
    ["F02.B3",true,"Dementia in other diseases classified elsewhere, moderate, with mood disturbance",5],
    ["F02.B4",true,"Dementia in other diseases classified elsewhere, moderate, with anxiety",5],
    ["F03",false,"Unspecified dementia",5,undefined,["Presenile dementia NOS","Presenile psychosis NOS","Primary degenerative dementia NOS","Senile dementia NOS","Senile dementia depressed or paranoid type","Senile psychosis NOS"]],
    ["F03.9",false,"Unspecified dementia, unspecified severity",5],
    ["F03.90",true,"Unspecified dementia, unspecified severity, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety",5,undefined,["Dementia NOS"]],
    ["F03.91",false,"Unspecified dementia, unspecified severity, with behavioral disturbance",5,{"fiscalYear":2026,"useAdditionalCode":["code, if applicable, to identify wandering in unspecified dementia (Z91.83)"]},["Unspecified dementia with aggressive behavior","Unspecified dementia with combative behavior","Unspecified dementia with violent behavior"]],
    ["F03.911",true,"Unspecified dementia, unspecified severity, with agitation",5],
    ["F03.918",true,"Unspecified dementia, unspecified severity, with other behavioral disturbance",5],
    ["F03.92",true,"Unspecified dementia, unspecified severity, with psychotic disturbance",5],
    ["F03.93",true,"Unspecified dementia, unspecified severity, with mood disturbance",5],
    ["F03.94",true,"Unspecified dementia, unspecified severity, with anxiety",5],
    ["F03.B",false,"Unspecified dementia, moderate",5],
    ["F03.B0",true,"Unspecified dementia, moderate, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety",5],
    ["F03.B1",false,"Unspecified dementia, moderate, with behavioral disturbance",5],
    ["F03.B11",true,"Unspecified dementia, moderate, with agitation",5],
    ["F03.B18",true,"Unspecified dementia, moderate, with other behavioral disturbance",5],
    ["F03.B2",true,"Unspecified dementia, moderate, with psychotic disturbance",5],
    ["F03.B3",true,"Unspecified dementia, moderate, with mood disturbance",5],
    ["F03.B4",true,"Unspecified dementia, moderate, with anxiety",5],
    ["G30",false,"Alzheimer's disease",6,{"fiscalYear":2026,"useAdditionalCode":["code to identify:","delirium, if applicable (F05)","dementia with behavioral disturbance (F02.81)","dementia without behavioral disturbance (F02.80)"]}],
    ["G30.9",true,"Alzheimer's disease, unspecified",6],
    ["G62",false,"Other and unspecified polyneuropathies",6],
    ["G62.9",true,"Polyneuropathy, unspecified",6,undefined,["Neuropathy NOS"]],
    ["I48",false,"Atrial fibrillation and flutter",9],
    ["I48.9",false,"Unspecified atrial fibrillation and atrial flutter",9],
    ["I48.91",true,"Unspecified atrial fibrillation",9],
    ["I48.92",true,"Unspecified atrial flutter",9],
    ["K52",false,"Other and unspecified noninfective gastroenteritis and colitis",11],
    ["K52.9",true,"Noninfective gastroenteritis and colitis, unspecified",11,undefined,["Colitis NOS","Enteritis NOS","Gastroenteritis NOS","Ileitis NOS","Jejunitis NOS","Sigmoiditis NOS"]],
    ["L97",false,"Non-pressure chronic ulcer of lower limb, not elsewhere classified",12,{"fiscalYear":2026,"codeFirst":["any associated underlying condition, such as:","any associated gangrene (I96)","atherosclerosis of the lower extremities (I70.23-, I70.24-, I70.33-, I70.34-, I70.43-, I70.44-, I70.53-, I70.54-, I70.63-, I70.64-, I70.73-, I70.74-)","chronic venous hypertension (I87.31-, I87.33-)","diabetic ulcers (E08.621, E08.622, E09.621, E09.622, E10.621, E10.622, E11.621, E11.622, E13.621, E13.622)","postphlebitic syndrome (I87.01-, I87.03-)","postthrombotic syndrome (I87.01-, I87.03-)","varicose ulcer (I83.0-, I83.2-)"]}],
    ["L97.4",false,"Non-pressure chronic ulcer of heel and midfoot",12,undefined,["Non-pressure chronic ulcer of plantar surface of midfoot"]],
    ["L97.40",false,"Non-pressure chronic ulcer of unspecified heel and midfoot",12],
    ["L97.401",true,"Non-pressure chronic ulcer of unspecified heel and midfoot limited to breakdown of skin",12],
    ["L97.402",true,"Non-pressure chronic ulcer of unspecified heel and midfoot with fat layer exposed",12],
    ["L97.403",true,"Non-pressure chronic ulcer of unspecified heel and midfoot with necrosis of muscle",12],
    ["L97.404",true,"Non-pressure chronic ulcer of unspecified heel and midfoot with necrosis of bone",12],
    ["L97.405",true,"Non-pressure chronic ulcer of unspecified heel and midfoot with muscle involvement without evidence of necrosis",12],
    ["L97.406",true,"Non-pressure chronic ulcer of unspecified heel and midfoot with bone involvement without evidence of necrosis",12],
    ["L97.408",true,"Non-pressure chronic ulcer of unspecified heel and midfoot with other specified severity",12],
    ["L97.409",true,"Non-pressure chronic ulcer of unspecified heel and midfoot with unspecified severity",12],
    ["L97.41",false,"Non-pressure chronic ulcer of right heel and midfoot",12],
    ["L97.411",true,"Non-pressure chronic ulcer of right heel and midfoot limited to breakdown of skin",12],
    ["L97.412",true,"Non-pressure chronic ulcer of right heel and midfoot with fat layer exposed",12],
    ["L97.413",true,"Non-pressure chronic ulcer of right heel and midfoot with necrosis of muscle",12],
    ["L97.414",true,"Non-pressure chronic ulcer of right heel and midfoot with necrosis of bone",12],
    ["L97.415",true,"Non-pressure chronic ulcer of right heel and midfoot with muscle involvement without evidence of necrosis",12],
    ["L97.416",true,"Non-pressure chronic ulcer of right heel and midfoot with bone involvement without evidence of necrosis",12],
    ["L97.418",true,"Non-pressure chronic ulcer of right heel and midfoot with other specified severity",12],
    ["L97.419",true,"Non-pressure chronic ulcer of right heel and midfoot with unspecified severity",12],
    ["L97.42",false,"Non-pressure chronic ulcer of left heel and midfoot",12],
    ["L97.421",true,"Non-pressure chronic ulcer of left heel and midfoot limited to breakdown of skin",12],
    ["L97.422",true,"Non-pressure chronic ulcer of left heel and midfoot with fat layer exposed",12],
    ["L97.423",true,"Non-pressure chronic ulcer of left heel and midfoot with necrosis of muscle",12],
    ["L97.424",true,"Non-pressure chronic ulcer of left heel and midfoot with necrosis of bone",12],
    ["L97.425",true,"Non-pressure chronic ulcer of left heel and midfoot with muscle involvement without evidence of necrosis",12],
    ["L97.426",true,"Non-pressure chronic ulcer of left heel and midfoot with bone involvement without evidence of necrosis",12],
    ["L97.428",true,"Non-pressure chronic ulcer of left heel and midfoot with other specified severity",12],
    ["L97.429",true,"Non-pressure chronic ulcer of left heel and midfoot with unspecified severity",12],
    ["L97.5",false,"Non-pressure chronic ulcer of other part of foot",12,undefined,["Non-pressure chronic ulcer of toe"]],
    ["L97.50",false,"Non-pressure chronic ulcer of other part of unspecified foot",12],
    ["L97.501",true,"Non-pressure chronic ulcer of other part of unspecified foot limited to breakdown of skin",12],
    ["L97.502",true,"Non-pressure chronic ulcer of other part of unspecified foot with fat layer exposed",12],
    ["L97.503",true,"Non-pressure chronic ulcer of other part of unspecified foot with necrosis of muscle",12],
    ["L97.504",true,"Non-pressure chronic ulcer of other part of unspecified foot with necrosis of bone",12],
    ["L97.505",true,"Non-pressure chronic ulcer of other part of unspecified foot with muscle involvement without evidence of necrosis",12],
    ["L97.506",true,"Non-pressure chronic ulcer of other part of unspecified foot with bone involvement without evidence of necrosis",12],
    ["L97.508",true,"Non-pressure chronic ulcer of other part of unspecified foot with other specified severity",12],
    ["L97.509",true,"Non-pressure chronic ulcer of other part of unspecified foot with unspecified severity",12],
    ["L97.51",false,"Non-pressure chronic ulcer of other part of right foot",12],
    ["L97.511",true,"Non-pressure chronic ulcer of other part of right foot limited to breakdown of skin",12],
    ["L97.512",true,"Non-pressure chronic ulcer of other part of right foot with fat layer exposed",12],
    ["L97.513",true,"Non-pressure chronic ulcer of other part of right foot with necrosis of muscle",12],
    ["L97.514",true,"Non-pressure chronic ulcer of other part of right foot with necrosis of bone",12],
    ["L97.515",true,"Non-pressure chronic ulcer of other part of right foot with muscle involvement without evidence of necrosis",12],
    ["L97.516",true,"Non-pressure chronic ulcer of other part of right foot with bone involvement without evidence of necrosis",12],
    ["L97.518",true,"Non-pressure chronic ulcer of other part of right foot with other specified severity",12],
    ["L97.519",true,"Non-pressure chronic ulcer of other part of right foot with unspecified severity",12],
    ["L97.52",false,"Non-pressure chronic ulcer of other part of left foot",12],
    ["L97.521",true,"Non-pressure chronic ulcer of other part of left foot limited to breakdown of skin",12],
    ["L97.522",true,"Non-pressure chronic ulcer of other part of left foot with fat layer exposed",12],
    ["L97.523",true,"Non-pressure chronic ulcer of other part of left foot with necrosis of muscle",12],
    ["L97.524",true,"Non-pressure chronic ulcer of other part of left foot with necrosis of bone",12],
    ["L97.525",true,"Non-pressure chronic ulcer of other part of left foot with muscle involvement without evidence of necrosis",12],
    ["L97.526",true,"Non-pressure chronic ulcer of other part of left foot with bone involvement without evidence of necrosis",12],
    ["L97.528",true,"Non-pressure chronic ulcer of other part of left foot with other specified severity",12],
    ["L97.529",true,"Non-pressure chronic ulcer of other part of left foot with unspecified severity",12],
    ["L98",false,"Other disorders of skin and subcutaneous tissue, not elsewhere classified",12],
    ["L98.4",false,"Non-pressure chronic ulcer of skin, not elsewhere classified",12,undefined,["Chronic ulcer of skin NOS","Tropical ulcer NOS","Ulcer of skin NOS"]],
    ["L98.41",false,"Non-pressure chronic ulcer of buttock",12],
    ["L98.411",true,"Non-pressure chronic ulcer of buttock limited to breakdown of skin",12],
    ["L98.412",true,"Non-pressure chronic ulcer of buttock with fat layer exposed",12],
    ["L98.413",true,"Non-pressure chronic ulcer of buttock with necrosis of muscle",12],
    ["L98.414",true,"Non-pressure chronic ulcer of buttock with necrosis of bone",12],
    ["L98.415",true,"Non-pressure chronic ulcer of buttock with muscle involvement without evidence of necrosis",12],
    ["L98.416",true,"Non-pressure chronic ulcer of buttock with bone involvement without evidence of necrosis",12],
    ["L98.418",true,"Non-pressure chronic ulcer of buttock with other specified severity",12],
    ["L98.419",true,"Non-pressure chronic ulcer of buttock with unspecified severity",12],
    ["M81",false,"Osteoporosis without current pathological fracture",13,{"fiscalYear":2026,"useAdditionalCode":["code to identify:","major osseous defect, if applicable (M89.7-)","personal history of (healed) osteoporosis fracture, if applicable (Z87.310)"]}],
    ["M81.0",true,"Age-related osteoporosis without current pathological fracture",13,undefined,["Involutional osteoporosis without current pathological fracture","Osteoporosis NOS","Postmenopausal osteoporosis without current pathological fracture","Senile osteoporosis without current pathological fracture"]],
    ["R11",false,"Nausea and vomiting",18],
    ["R11.2",true,"Nausea with vomiting, unspecified",18,undefined,["Persistent nausea with vomiting NOS"]],
    ["S51",false,"Open wound of elbow and forearm",19,{"fiscalYear":2026,"sevenChr":{"A":"initial encounter","D":"subsequent encounter","S":"sequela"}}],
    ["S51.8",false,"Open wound of forearm",19],
    ["S51.81",false,"Laceration without foreign body of forearm",19],
    ["S51.812",false,"Laceration without foreign body of left forearm",19],
    ["S51.812A",true,"Laceration without foreign body of left forearm, initial encounter",19],
    ["S51.812D",true,"Laceration without foreign body of left forearm, subsequent encounter",19],
    ["S51.812S",true,"Laceration without foreign body of left forearm, sequela",19],
    ["S52",false,"Fracture of forearm",19,{"fiscalYear":2026,"sevenChr":{"A":"initial encounter for closed fracture","B":"initial encounter for open fracture type I or II","C":"initial encounter for open fracture type IIIA, IIIB, or IIIC","D":"subsequent encounter for closed fracture with routine healing","E":"subsequent encounter for open fracture type I or II with routine healing","F":"subsequent encounter for open fracture type IIIA, IIIB, or IIIC with routine healing","G":"subsequent encounter for closed fracture with delayed healing","H":"subsequent encounter for open fracture type I or II with delayed healing","J":"subsequent encounter for open fracture type IIIA, IIIB, or IIIC with delayed healing","K":"subsequent encounter for closed fracture with nonunion","M":"subsequent encounter for open fracture type I or II with nonunion","N":"subsequent encounter for open fracture type IIIA, IIIB, or IIIC with nonunion","P":"subsequent encounter for closed fracture with malunion","Q":"subsequent encounter for open fracture type I or II with malunion","R":"subsequent encounter for open fracture type IIIA, IIIB, or IIIC with malunion","S":"sequela"}}],
    ["S52.5",false,"Fracture of lower end of radius",19,undefined,["Fracture of distal end of radius"]],
    ["S52.50",false,"Unspecified fracture of the lower end of radius",19],
    ["S52.501",false,"Unspecified fracture of the lower end of right radius",19],
    ["S52.501A",true,"Unspecified fracture of the lower end of right radius, initial encounter for closed fracture",19],
    ["S52.501B",true,"Unspecified fracture of the lower end of right radius, initial encounter for open fracture type I or II",19],
    ["S52.501C",true,"Unspecified fracture of the lower end of right radius, initial encounter for open fracture type IIIA, IIIB, or IIIC",19],
    ["S52.501D",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for closed fracture with routine healing",19],
    ["S52.501E",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for open fracture type I or II with routine healing",19],
    ["S52.501F",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for open fracture type IIIA, IIIB, or IIIC with routine healing",19],
    ["S52.501G",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for closed fracture with delayed healing",19],
    ["S52.501H",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for open fracture type I or II with delayed healing",19],
    ["S52.501J",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for open fracture type IIIA, IIIB, or IIIC with delayed healing",19],
    ["S52.501K",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for closed fracture with nonunion",19],
    ["S52.501M",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for open fracture type I or II with nonunion",19],
    ["S52.501N",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for open fracture type IIIA, IIIB, or IIIC with nonunion",19],
    ["S52.501P",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for closed fracture with malunion",19],
    ["S52.501Q",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for open fracture type I or II with malunion",19],
    ["S52.501R",true,"Unspecified fracture of the lower end of right radius, subsequent encounter for open fracture type IIIA, IIIB, or IIIC with malunion",19],
    ["S52.501S",true,"Unspecified fracture of the lower end of right radius, sequela",19],
    ["S63",false,"Dislocation and sprain of joints and ligaments at wrist and hand level",19,{"fiscalYear":2026,"sevenChr":{"A":"initial encounter","D":"subsequent encounter","S":"sequela"}}],
    ["S63.5",false,"Other and unspecified sprain of wrist",19],
    ["S63.50",false,"Unspecified sprain of wrist",19],
    ["S63.501",false,"Unspecified sprain of right wrist",19],
    ["S63.501A",true,"Unspecified sprain of right wrist, initial encounter",19],
    ["S63.501D",true,"Unspecified sprain of right wrist, subsequent encounter",19],
    ["S63.501S",true,"Unspecified sprain of right wrist, sequela",19],
    ["S63.502",false,"Unspecified sprain of left wrist",19],
    ["S63.502A",true,"Unspecified sprain of left wrist, initial encounter",19],
    ["S63.502D",true,"Unspecified sprain of left wrist, subsequent encounter",19],
    ["S63.502S",true,"Unspecified sprain of left wrist, sequela",19],
    ["S63.509",false,"Unspecified sprain of unspecified wrist",19],
    ["S63.509A",true,"Unspecified sprain of unspecified wrist, initial encounter",19],
    ["S63.509D",true,"Unspecified sprain of unspecified wrist, subsequent encounter",19],
    ["S63.509S",true,"Unspecified sprain of unspecified wrist, sequela",19],
    ["S69",false,"Other and unspecified injuries of wrist, hand and finger(s)",19,{"fiscalYear":2026,"sevenChr":{"A":"initial encounter","D":"subsequent encounter","S":"sequela"}}],
    ["S69.9",false,"Unspecified injury of wrist, hand and finger(s)",19],
    ["S69.91",false,"Unspecified injury of right wrist, hand and finger(s)",19],
    ["S69.91XA",true,"Unspecified injury of right wrist, hand and finger(s), initial encounter",19],
    ["S69.91XD",true,"Unspecified injury of right wrist, hand and finger(s), subsequent encounter",19],
    ["S69.91XS",true,"Unspecified injury of right wrist, hand and finger(s), sequela",19],
    ["Z51",false,"Encounter for other aftercare and medical care",21],
    ["Z51.0",true,"Encounter for antineoplastic radiation therapy",21],
    ["Z51.1",false,"Encounter for antineoplastic chemotherapy and immunotherapy",21],
    ["Z51.11",true,"Encounter for antineoplastic chemotherapy",21],
    ["Z51.12",true,"Encounter for antineoplastic immunotherapy",21],
    ["Z79",false,"Long term (current) drug therapy",21],
    ["Z79.0",false,"Long term (current) use of anticoagulants and antithrombotics/antiplatelets",21],
    ["Z79.01",true,"Long term (current) use of anticoagulants",21],
    ["Z79.02",true,"Long term (current) use of antithrombotics/antiplatelets",21],
    ["Z79.4",true,"Long term (current) use of insulin",21],
    ["Z79.8",false,"Other long term (current) drug therapy",21],
    ["Z79.82",true,"Long term (current) use of aspirin",21],
    ["Z79.83",true,"Long term (current) use of bisphosphonates",21],
    ["Z87",false,"Personal history of other diseases and conditions",21,{"fiscalYear":2026,"codeFirst":["any follow-up examination after treatment (Z09)"]}],
    ["Z87.3",false,"Personal history of diseases of the musculoskeletal system and connective tissue",21,undefined,["Conditions classifiable to M00-M99"]],
    ["Z87.31",false,"Personal history of (healed) nontraumatic fracture",21],
    ["Z87.310",true,"Personal history of (healed) osteoporosis fracture",21,undefined,["Personal history of (healed) fragility fracture","Personal history of (healed) collapsed vertebra due to osteoporosis"]],
    ["Z87.311",true,"Personal history of (healed) other pathological fracture",21,undefined,["Personal history of (healed) collapsed vertebra NOS"]],
    ["Z87.312",true,"Personal history of (healed) stress fracture",21,undefined,["Personal history of (healed) fatigue fracture"]],
    ["Z87.39",true,"Personal history of other diseases of the musculoskeletal system and connective tissue",21],
    ["Z87.8",false,"Personal history of other specified conditions",21],
    ["Z87.81",true,"Personal history of (healed) traumatic fracture",21],
    ["Z95",false,"Presence of cardiac and vascular implants and grafts",21],
    ["Z95.5",true,"Presence of coronary angioplasty implant and graft",21],
    ["E11.22",true,"Type 2 diabetes mellitus with diabetic chronic kidney disease",4,{"fiscalYear":2026,"useAdditionalCode":["code to identify stage of chronic kidney disease (N18.1-N18.6)"]}],
    ["N18",false,"Chronic kidney disease (CKD)",14,{"fiscalYear":2026,"useAdditionalCode":["code to identify kidney transplant status, if applicable, (Z94.0)"],"codeFirst":["any associated:","diabetic chronic kidney disease (E08.22, E09.22, E10.22, E11.22, E13.22)","hypertensive chronic kidney disease (I12.-, I13.-)"]}],
    ["N18.3",false,"Chronic kidney disease, stage 3 (moderate)",14],
    ["N18.31",true,"Chronic kidney disease, stage 3a",14],
    ["Z79.84",true,"Long term (current) use of oral hypoglycemic drugs",21,undefined,["Long term (current) use of oral antidiabetic drugs"]],
];

const catalog = icdSliceCatalog(rows);
const engine = new SuggestionEngine(catalog);
const codes = (note: string, stage?: ProcedureStage) => (stage ? new SuggestionEngine(catalog, stage) : engine).suggest(chartFromText(note), { dateOfService: '2026-03-01' }).diagnoses.map((d) => d.code);
const lexicon = engine.lexiconFor(catalog.setFor('icd10cm', '2026-03-01')!);

describe('injury 7th character from the encounter words (Guideline I.C.19.a)', () => {
  it('reads the kind of encounter from the words around the injury', () => {
    expect(encounterKind('wrist sprain from 2 weeks ago, recheck, improving')).toBe('subsequent');
    expect(encounterKind('fracture follow-up, healing well')).toBe('subsequent');
    expect(encounterKind('laceration sustained today at work')).toBe('initial');
    expect(encounterKind('scar contracture, late effect of burn')).toBe('sequela');
    expect(encounterKind('sprain of the wrist')).toBeUndefined();
  });

  it('does not read a planned later visit or improvement during today\'s treatment as a subsequent encounter', () => {
    expect(encounterKind('Laceration of scalp, repaired as above. Staple removal in 7-10 days.')).toBeUndefined();
    expect(encounterKind('Ankle sprain - will follow up in 1 week; return for suture removal in 10 days.')).toBeUndefined();
    expect(encounterKind('Lip angioedema; observed 1 hour - swelling slightly improved. Recheck in 2 weeks.')).toBeUndefined();
    // Today's own follow-up still is one.
    expect(encounterKind('Returns for suture removal, wound healing well')).toBe('subsequent');
    expect(encounterKind('Here for recheck of ankle sprain')).toBe('subsequent');
    const note = 'ASSESSMENT:\n1. Laceration of left forearm, 3 cm, repaired as above. Suture removal in 10 days.\n';
    expect(codes(note)).toContain('S51.812A');
  });

  it('codes a recheck with D, a new injury with A, and keeps each injury of one note apart', () => {
    const note = 'ASSESSMENT:\n1. Sprain of right wrist seen 2 weeks ago, recheck today, improving.\n2. Laceration of left forearm sustained today, repaired.\n';
    expect(codes(note)).toEqual(expect.arrayContaining(['S63.501D', 'S51.812A']));
  });

  it('takes the encounter from the complaint when the assessment item does not say it', () => {
    const note = 'CHIEF COMPLAINT: Follow-up of right wrist sprain.\nASSESSMENT:\n1. Sprain of right wrist.\n';
    expect(codes(note)).toContain('S63.501D');
  });

  it('defaults to the initial encounter when nothing says otherwise, and reads fracture healing words', () => {
    expect(codes('ASSESSMENT:\n1. Sprain of right wrist.\n')).toContain('S63.501A');
    expect(codes('ASSESSMENT:\n1. Fracture of lower end of right radius, follow-up, nonunion.\n')).toContain('S52.501K');
    expect(codes('ASSESSMENT:\n1. Fracture of lower end of right radius, recheck in cast, routine healing.\n')).toContain('S52.501D');
  });
});

describe('unspecified injury beside a named injury of the same site', () => {
  it('drops the unspecified injury when a sprain of that site is coded', () => {
    const out = codes('ASSESSMENT:\n1. Unspecified injury of right wrist, hand and finger. Sprain of right wrist.\n');
    expect(out).toContain('S63.501A');
    expect(out).not.toContain('S69.91XA');
  });

  it('keeps it when the named injury is of another site', () => {
    const out = codes('ASSESSMENT:\n1. Unspecified injury of right wrist, hand and finger.\n2. Laceration of left forearm.\n');
    expect(out).toEqual(expect.arrayContaining(['S69.91XA', 'S51.812A']));
  });
});

describe('diabetes "with" links (Guideline I.A.15, I.C.4.a)', () => {
  it('turns polyneuropathy in a diabetic patient into the combination code', () => {
    const out = codes('ASSESSMENT:\n1. Type 2 diabetes mellitus.\n2. Polyneuropathy of both feet.\n');
    expect(out).toContain('E11.42');
    expect(out).not.toContain('G62.9');
    expect(out).not.toContain('E11.9');
  });

  it('reads the condition inside the diabetes phrase ("diabetes with peripheral neuropathy")', () => {
    expect(codes('ASSESSMENT:\n1. Type 2 diabetes with peripheral neuropathy.\n')).toContain('E11.42');
  });

  it('does not link when the provider names another cause, or without diabetes', () => {
    const other = codes('ASSESSMENT:\n1. Type 2 diabetes mellitus.\n2. Polyneuropathy due to B12 deficiency.\n');
    expect(other).toContain('G62.9');
    expect(other).not.toContain('E11.42');
    expect(codes('ASSESSMENT:\n1. Polyneuropathy.\n')).toEqual(['G62.9']);
  });

  it('keeps several diabetic complications side by side', () => {
    const out = codes('ASSESSMENT:\n1. Type 2 diabetes with peripheral neuropathy.\n2. Diabetic foot ulcer of right heel with fat layer exposed.\n');
    expect(out).toEqual(expect.arrayContaining(['E11.42', 'E11.621', 'L97.412']));
  });
});

describe('non-pressure chronic ulcers by site, side and depth (L97, L98.4-)', () => {
  it('builds the code from the titles', () => {
    expect(chronicUlcerCode(lexicon, 'ulcer of right heel with fat layer exposed')).toBe('L97.412');
    expect(chronicUlcerCode(lexicon, 'left great toe ulcer limited to breakdown of skin')).toBe('L97.521');
    expect(chronicUlcerCode(lexicon, 'foot ulcer')).toBe('L97.509');
    expect(chronicUlcerCode(lexicon, 'ulcer of buttock')).toBe('L98.419');
  });

  it('leaves pressure, venous and peptic ulcers and sentences without an ulcer alone', () => {
    expect(chronicUlcerCode(lexicon, 'pressure ulcer of right heel, stage 2')).toBeUndefined();
    expect(chronicUlcerCode(lexicon, 'venous stasis ulcer of left calf')).toBeUndefined();
    expect(chronicUlcerCode(lexicon, 'right heel pain')).toBeUndefined();
  });

  it('adds the diabetes ulcer code whose use-additional note asks for the site, and nothing for a negated ulcer', () => {
    const out = codes('ASSESSMENT:\n1. Type 2 diabetes mellitus.\n2. Ulcer of right heel with fat layer exposed.\n');
    expect(out).toEqual(expect.arrayContaining(['E11.621', 'L97.412']));
    const none = codes('ASSESSMENT:\n1. Type 2 diabetes mellitus. No foot ulcer.\n');
    expect(none.filter((c) => c.startsWith('L97') || c === 'E11.621')).toEqual([]);
  });
});

describe('secondary neoplasms (Guideline I.C.2)', () => {
  it('finds the site a cancer spread to, not the organ it started in', () => {
    expect(secondarySites('Pancreatic adenocarcinoma with liver metastases').map((s) => s.siteWords)).toEqual(['liver']);
    expect(secondarySites('prostate cancer with mets to bone').map((s) => s.siteWords)).toEqual(['bone']);
    expect(secondarySites('metastatic pancreatic cancer')).toEqual([]);
  });

  it('reads the sites in brackets after a metastatic cancer', () => {
    expect(secondarySites('Metastatic ascending colon adenocarcinoma (liver), on treatment holiday').map((s) => s.siteWords)).toEqual(['liver']);
  });

  it('codes liver metastases as the secondary, never as a primary of the liver, the primary first', () => {
    const out = codes('ASSESSMENT:\n1. Pancreatic adenocarcinoma with liver metastases.\n');
    expect(out).toEqual(['C25.9', 'C78.7']);
  });

  it('reads "metastatic to the lung and bone" as two secondaries', () => {
    const out = codes('ASSESSMENT:\n1. Pancreatic cancer metastatic to the lung and bone.\n');
    expect(out).toEqual(expect.arrayContaining(['C25.9', 'C78.00', 'C79.51']));
  });

  it('codes no secondary for negated or suspected spread', () => {
    const out = codes('ASSESSMENT:\n1. Pancreatic cancer. No liver metastases on CT.\n2. Possible bone metastases.\n');
    expect(out.filter((c) => /^C7[7-9]/.test(c))).toEqual([]);
  });
});

describe('chemotherapy and immunotherapy encounters (Guideline I.C.2.e.2)', () => {
  it('lists Z51.11 first when the chart says the chemotherapy was given today', () => {
    expect(codes('ASSESSMENT:\n1. Pancreatic cancer.\n2. C2D8 gemcitabine infused today, tolerated well.\n')).toEqual(['Z51.11', 'C25.9']);
  });

  it('reads an administration line of the procedure stage', () => {
    const stage: ProcedureStage = (document) => ({ procedures: [{ system: 'cpt', code: '96413', title: 'chemotherapy infusion', confidence: 0.8, rule: 'test', evidence: [{ start: 0, end: 5, text: document.text.slice(0, 5), sentence: '' }], warnings: [] }], excluded: [] });
    expect(codes('ASSESSMENT:\n1. Pancreatic cancer.\n', stage)[0]).toBe('Z51.11');
  });

  it('codes Z51.12 for immunotherapy', () => {
    expect(codes('ASSESSMENT:\n1. Pancreatic cancer.\n2. Pembrolizumab cycle 4 day 1 administered today.\n')[0]).toBe('Z51.12');
  });

  it('gives no Z51 code for chemotherapy planned, held or discussed, or without a cancer', () => {
    expect(codes('ASSESSMENT:\n1. Pancreatic cancer.\nPLAN: Will start chemotherapy next week.\n')).toEqual(['C25.9']);
    expect(codes('ASSESSMENT:\n1. Pancreatic cancer.\n2. Cycle 3 day 1 held today for low counts.\n')).not.toContain('Z51.11');
    expect(codes('ASSESSMENT:\n1. Nausea and vomiting.\n2. Chemotherapy infusion given today elsewhere.\n')).not.toContain('Z51.11');
  });
});

describe('dementia with a named cause (F02 code-first note)', () => {
  it('codes the disease first, then F02 with the severity and disturbance', () => {
    expect(codes("ASSESSMENT:\n1. Alzheimer's dementia, moderate, with agitation.\n")).toEqual(['G30.9', 'F02.B11']);
  });

  it('keeps unspecified dementia when no cause is named', () => {
    expect(codes('ASSESSMENT:\n1. Dementia, moderate, with agitation.\n')).toEqual(['F03.B11']);
  });
});

describe('status and history codes', () => {
  it('codes a status "s/p" introduces (Z95) rather than setting it aside as history', () => {
    expect(codes('ASSESSMENT:\n1. Status post coronary angioplasty implant.\n')).toContain('Z95.5');
  });

  it('makes a healed fracture the chart calls osteoporotic the osteoporosis-fracture history code', () => {
    expect(codes('ASSESSMENT:\n1. History of osteoporotic fracture of lower end of right radius.\n')).toContain('Z87.310');
    expect(codes('ASSESSMENT:\n1. History of fracture of lower end of right radius.\n')).toContain('Z87.81');
  });
});

describe('long-term drug therapy only for current drugs the visit addresses (Z79)', () => {
  it('gives no Z79 code for a drug only in the medication list', () => {
    expect(codes('MEDICATIONS: aspirin 81 mg daily.\nASSESSMENT:\n1. Age-related osteoporosis.\n')).not.toContain('Z79.82');
  });

  it('codes it when the plan continues the drug', () => {
    expect(codes('MEDICATIONS: alendronate 70 mg weekly.\nASSESSMENT:\n1. Age-related osteoporosis - continue alendronate.\n')).toContain('Z79.83');
  });

  it('codes a listed drug a coded diagnosis asks for (insulin with diabetes)', () => {
    expect(codes('MEDICATIONS: insulin glargine 20 units nightly.\nASSESSMENT:\n1. Type 2 diabetes mellitus.\n')).toContain('Z79.4');
  });

  it('gives none for a past drug: a course with an end year, a drug holiday, a drug switched from', () => {
    expect(codes('ASSESSMENT:\n1. Age-related osteoporosis, previously on alendronate 2019-2023.\n')).not.toContain('Z79.83');
    expect(codes('ASSESSMENT:\n1. Age-related osteoporosis; alendronate 2018-2023, now off.\n')).not.toContain('Z79.83');
    expect(codes('ASSESSMENT:\n1. Age-related osteoporosis, on a drug holiday from alendronate.\n')).not.toContain('Z79.83');
    expect(codes('ASSESSMENT:\n1. Atrial fibrillation, switched from aspirin 81 mg to apixaban.\n')).not.toContain('Z79.82');
  });
});

describe('integral symptoms are the diagnosis\' manifestations, not its cause (Guideline I.B.5)', () => {
  it('keeps vomiting that causes dehydration, the uncertain gastroenteritis giving its symptoms', () => {
    const out = codes('ASSESSMENT:\n1. Nausea and vomiting with dehydration, suspect gastroenteritis.\n');
    expect(out).toEqual(expect.arrayContaining(['R11.2', 'E86.0']));
    expect(out).not.toContain('K52.9');
  });

  it('still drops a symptom the confirmed diagnosis explains', () => {
    const out = codes('ASSESSMENT:\n1. Nausea with vomiting due to gastroenteritis.\n');
    expect(out).toEqual(['K52.9']);
  });
});
