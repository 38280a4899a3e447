BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'suzhou_targets','m001_knowledge','2026-11-29 08:50:42.990788+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'suzhou_targets','m002_chat_settings','2026-11-29 08:50:42.991486+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'suzhou_targets','m003_subscriptions','2026-11-29 08:50:42.992069+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'suzhou_targets','m004_admins','2026-11-29 08:50:42.992544+00:00');
CREATE TABLE "admins" (
   "user_id" INTEGER PRIMARY KEY,
   "name" TEXT,
   "added_by" INTEGER,
   "added_at" TEXT
);
CREATE TABLE "aliases" (
   "indicator_id" TEXT REFERENCES "indicators"("id"),
   "alias" TEXT,
   "added_by" TEXT,
   PRIMARY KEY ("indicator_id", "alias")
);
INSERT INTO "aliases" VALUES('gross_industrial_output','规上工业产值','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output','工业总产值','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output','规模以上工业总产值','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output','规上产值','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output','工业产值','seed');
INSERT INTO "aliases" VALUES('industrial_value_added','工业增加值','seed');
INSERT INTO "aliases" VALUES('manufacturing_share_of_gdp','制造业占比','seed');
INSERT INTO "aliases" VALUES('manufacturing_share_of_gdp','制造业比重','seed');
INSERT INTO "aliases" VALUES('manufacturing_share_of_gdp','制造业增加值占比','seed');
INSERT INTO "aliases" VALUES('manufacturing_share_of_gdp','制造业占GDP比重','seed');
INSERT INTO "aliases" VALUES('producer_services_value_added','生产性服务业','seed');
INSERT INTO "aliases" VALUES('industrial_investment','工业投资','seed');
INSERT INTO "aliases" VALUES('industrial_investment','工业投入','seed');
INSERT INTO "aliases" VALUES('capacity_expansion_projects','增资扩产项目','seed');
INSERT INTO "aliases" VALUES('capacity_expansion_projects','增资扩产','seed');
INSERT INTO "aliases" VALUES('capacity_expansion_projects','千万元以上增资扩产项目','seed');
INSERT INTO "aliases" VALUES('major_industrial_projects','亿元以上产业项目','seed');
INSERT INTO "aliases" VALUES('major_industrial_projects','亿元以上项目','seed');
INSERT INTO "aliases" VALUES('major_industrial_projects','亿元项目','seed');
INSERT INTO "aliases" VALUES('single_champion_firms','单项冠军','seed');
INSERT INTO "aliases" VALUES('single_champion_firms','单项冠军企业','seed');
INSERT INTO "aliases" VALUES('single_champion_firms','制造业单项冠军','seed');
INSERT INTO "aliases" VALUES('little_giant_firms','小巨人','seed');
INSERT INTO "aliases" VALUES('little_giant_firms','专精特新','seed');
INSERT INTO "aliases" VALUES('little_giant_firms','专精特新企业','seed');
INSERT INTO "aliases" VALUES('little_giant_firms','小巨人企业','seed');
INSERT INTO "aliases" VALUES('a_share_listed_firms','A股上市公司','seed');
INSERT INTO "aliases" VALUES('a_share_listed_firms','上市公司','seed');
INSERT INTO "aliases" VALUES('a_share_listed_firms','A股','seed');
INSERT INTO "aliases" VALUES('unicorn_incubation_firms','独角兽','seed');
INSERT INTO "aliases" VALUES('unicorn_incubation_firms','独角兽企业','seed');
INSERT INTO "aliases" VALUES('unicorn_incubation_firms','独角兽培育企业','seed');
INSERT INTO "aliases" VALUES('gazelle_firms','瞪羚','seed');
INSERT INTO "aliases" VALUES('high_tech_output_share','高新技术产业产值比重','seed');
INSERT INTO "aliases" VALUES('high_tech_output_share','高新技术产业占比','seed');
INSERT INTO "aliases" VALUES('high_tech_output_share','高新产业占比','seed');
INSERT INTO "aliases" VALUES('high_tech_output_share','高新技术产业比重','seed');
INSERT INTO "aliases" VALUES('rd_intensity','研发投入','seed');
INSERT INTO "aliases" VALUES('rd_intensity','研发强度','seed');
INSERT INTO "aliases" VALUES('rd_intensity','研发经费投入强度','seed');
INSERT INTO "aliases" VALUES('rd_intensity','R&D','seed');
INSERT INTO "aliases" VALUES('rd_intensity','研发投入强度','seed');
INSERT INTO "aliases" VALUES('rd_intensity','研发投入占比','seed');
INSERT INTO "aliases" VALUES('rd_intensity','研发经费','seed');
INSERT INTO "aliases" VALUES('rd_institution_rate','研发机构建有率','seed');
INSERT INTO "aliases" VALUES('rd_institution_rate','研发机构覆盖率','seed');
INSERT INTO "aliases" VALUES('national_high_tech_zone','国家高新区','seed');
INSERT INTO "aliases" VALUES('national_high_tech_zone','国家级高新区','seed');
INSERT INTO "aliases" VALUES('new_high_tech_enterprises','高企','seed');
INSERT INTO "aliases" VALUES('new_high_tech_enterprises','高新技术企业','seed');
INSERT INTO "aliases" VALUES('new_high_tech_enterprises','高新企业','seed');
INSERT INTO "aliases" VALUES('informatization_integration','两化融合','seed');
INSERT INTO "aliases" VALUES('informatization_integration','两化融合达成度','seed');
INSERT INTO "aliases" VALUES('industrial_vertical_models','垂类大模型','seed');
INSERT INTO "aliases" VALUES('industrial_vertical_models','工业大模型','seed');
INSERT INTO "aliases" VALUES('industrial_vertical_models','行业大模型','seed');
INSERT INTO "aliases" VALUES('industrial_datasets','工业数据集','seed');
INSERT INTO "aliases" VALUES('industrial_datasets','高质量数据集','seed');
INSERT INTO "aliases" VALUES('pilot_smart_factories','领航级工厂','seed');
INSERT INTO "aliases" VALUES('pilot_smart_factories','领航工厂','seed');
INSERT INTO "aliases" VALUES('excellent_smart_factories','卓越级工厂','seed');
INSERT INTO "aliases" VALUES('excellent_smart_factories','卓越工厂','seed');
INSERT INTO "aliases" VALUES('ai_enablement_centers','AI赋能中心','seed');
INSERT INTO "aliases" VALUES('ai_enablement_centers','赋能中心','seed');
INSERT INTO "aliases" VALUES('ai_enablement_centers','人工智能赋能中心','seed');
INSERT INTO "aliases" VALUES('computing_power','算力','seed');
INSERT INTO "aliases" VALUES('computing_power','智算','seed');
INSERT INTO "aliases" VALUES('computing_power','算力规模','seed');
INSERT INTO "aliases" VALUES('computing_power','智算规模','seed');
INSERT INTO "aliases" VALUES('talent_total','人才总量','seed');
INSERT INTO "aliases" VALUES('talent_total','人才规模','seed');
INSERT INTO "aliases" VALUES('new_industrial_land','产业用地','seed');
INSERT INTO "aliases" VALUES('new_industrial_land','工业用地','seed');
INSERT INTO "aliases" VALUES('new_industrial_land','用地','seed');
INSERT INTO "aliases" VALUES('manufacturing_loans','制造业贷款','seed');
INSERT INTO "aliases" VALUES('manufacturing_loans','制造业贷款余额','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output_increase','规上工业总产值增量','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output_increase','工业总产值增加','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output_increase','规上工业总产值增长','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output_increase','规上工业总产值同比增加','seed');
INSERT INTO "aliases" VALUES('gross_industrial_output_increase','工业产值同比增长','seed');
INSERT INTO "aliases" VALUES('private_industrial_output','民营工业产值','seed');
INSERT INTO "aliases" VALUES('private_industrial_output','民营工业','seed');
INSERT INTO "aliases" VALUES('private_industrial_share','民营工业占比','seed');
INSERT INTO "aliases" VALUES('private_industrial_share','民营工业比重','seed');
INSERT INTO "aliases" VALUES('private_industrial_share','民营工业产值占比','seed');
INSERT INTO "aliases" VALUES('high_tech_output','高新技术产业产值','seed');
INSERT INTO "aliases" VALUES('high_tech_output','高新产业产值','seed');
INSERT INTO "aliases" VALUES('billion_yuan_industries','千亿产业','seed');
INSERT INTO "aliases" VALUES('billion_yuan_industries','千亿级产业','seed');
INSERT INTO "aliases" VALUES('billion_yuan_industries','千亿元产业','seed');
INSERT INTO "aliases" VALUES('billion_yuan_industries','千亿产业集群','seed');
INSERT INTO "aliases" VALUES('billion_yuan_industries','千亿行业','seed');
INSERT INTO "aliases" VALUES('billion_yuan_industries','超千亿产业','seed');
INSERT INTO "aliases" VALUES('billion_yuan_industries','工业行业大类','seed');
INSERT INTO "aliases" VALUES('industrial_revenue','工业营收','seed');
INSERT INTO "aliases" VALUES('industrial_revenue','工业营业收入','seed');
INSERT INTO "aliases" VALUES('industrial_ranking','工业排名','seed');
INSERT INTO "aliases" VALUES('industrial_ranking','工业实力','seed');
INSERT INTO "aliases" VALUES('industrial_ranking','工业地位','seed');
INSERT INTO "aliases" VALUES('industrial_ranking','工业第几','seed');
INSERT INTO "aliases" VALUES('economic_ranking','经济排名','seed');
INSERT INTO "aliases" VALUES('economic_ranking','城市排名','seed');
INSERT INTO "aliases" VALUES('economic_ranking','经济第几城','seed');
INSERT INTO "aliases" VALUES('economic_ranking','排名','seed');
INSERT INTO "aliases" VALUES('gdp','GDP','seed');
INSERT INTO "aliases" VALUES('gdp','经济总量','seed');
INSERT INTO "aliases" VALUES('gdp','地区生产总值','seed');
INSERT INTO "aliases" VALUES('gdp','经济规模','seed');
INSERT INTO "aliases" VALUES('cities_gdp_over_2_trillion','两万亿城市','seed');
INSERT INTO "aliases" VALUES('cities_gdp_over_2_trillion','GDP超两万亿','seed');
INSERT INTO "aliases" VALUES('cities_gdp_over_2_trillion','超两万亿城市','seed');
INSERT INTO "aliases" VALUES('new_trillion_gdp_cities','万亿城市','seed');
INSERT INTO "aliases" VALUES('new_trillion_gdp_cities','新晋万亿城市','seed');
INSERT INTO "aliases" VALUES('new_trillion_gdp_cities','迈入万亿','seed');
CREATE TABLE "changes" (
   "id" INTEGER PRIMARY KEY,
   "at" TEXT,
   "user_id" INTEGER,
   "chat_id" INTEGER,
   "action" TEXT,
   "entity" TEXT,
   "before" TEXT,
   "after" TEXT,
   "undone_by" INTEGER
);
INSERT INTO "changes" VALUES(1,'2026-11-29T08:50:43+00:00',42,-100,'set_observation','{"indicator_id": "industrial_investment", "city": "苏州", "period": "2026年1-10月", "table": "observations"}',NULL,'{"indicator_id": "industrial_investment", "city": "苏州", "period": "2026年1-10月", "year": 2026, "value": 1900.0, "unit": "亿元", "qualifier": "", "text": "1900亿元", "status": "actual", "note": "", "quote": "", "recorded_by": "王科长", "source_id": "user:0e41ac7179bc", "recorded_at": "2026-11-29T08:50:43+00:00"}',NULL);
INSERT INTO "changes" VALUES(2,'2026-11-29T08:50:43+00:00',7,NULL,'import','{"indicator_id": "industrial_investment", "city": "苏州", "period": "1-10月"}',NULL,'{"indicator_id": "industrial_investment", "city": "苏州", "period": "1-10月", "year": null, "value": 1980.0, "unit": "亿元", "qualifier": "", "text": "1980亿元", "status": "actual", "source_id": "article", "note": "", "quote": "", "recorded_at": "2026-11-29T08:50:43+00:00", "recorded_by": "表格导入"}',NULL);
INSERT INTO "changes" VALUES(3,'2026-11-29T08:50:43+00:00',7,NULL,'import','{"indicator_id": "new_high_tech_enterprises", "city": "苏州", "period": "1-10月"}',NULL,'{"indicator_id": "new_high_tech_enterprises", "city": "苏州", "period": "1-10月", "year": 2026, "value": 420.0, "unit": "家", "qualifier": "", "text": "420家", "status": "actual", "source_id": "article", "note": "", "quote": "", "recorded_at": "2026-11-29T08:50:43+00:00", "recorded_by": "表格导入"}',NULL);
INSERT INTO "changes" VALUES(4,'2026-11-29T08:50:43+00:00',7,NULL,'import','{"indicator_id": "computing_power", "city": "苏州", "period": "十月底吧"}',NULL,'{"indicator_id": "computing_power", "city": "苏州", "period": "十月底吧", "year": 2026, "value": 30000.0, "unit": "PFLOPS", "qualifier": "", "text": "30000PFLOPS", "status": "actual", "source_id": "article", "note": "", "quote": "", "recorded_at": "2026-11-29T08:50:43+00:00", "recorded_by": "表格导入"}',NULL);
INSERT INTO "changes" VALUES(5,'2026-11-29T08:50:43+00:00',7,NULL,'import','{"indicator_id": "talent_total", "city": "苏州", "period": "2025年"}',NULL,'{"indicator_id": "talent_total", "city": "苏州", "period": "2025年", "year": 2025, "value": 420.0, "unit": "万人", "qualifier": "", "text": "420万人", "status": "actual", "source_id": "article", "note": "", "quote": "", "recorded_at": "2026-11-29T08:50:43+00:00", "recorded_by": "表格导入"}',NULL);
CREATE TABLE "char_folds" (
   "char" TEXT PRIMARY KEY,
   "fold" TEXT
);
CREATE TABLE "chat_settings" (
   "chat_id" INTEGER PRIMARY KEY,
   "mode" TEXT,
   "updated_at" TEXT,
   "updated_by" INTEGER
);
CREATE TABLE "deliveries" (
   "id" INTEGER PRIMARY KEY,
   "chat_id" INTEGER,
   "at" TEXT,
   "ok" INTEGER,
   "error" TEXT
);
CREATE TABLE "indicators" (
   "id" TEXT PRIMARY KEY,
   "name" TEXT,
   "category" TEXT,
   "unit" TEXT,
   "kind" TEXT,
   "higher_is_better" INTEGER
);
INSERT INTO "indicators" VALUES('gross_industrial_output','规上工业总产值','产业规模','元','cumulative',1);
INSERT INTO "indicators" VALUES('industrial_value_added','工业增加值','产业规模','元','cumulative',1);
INSERT INTO "indicators" VALUES('manufacturing_share_of_gdp','制造业增加值占GDP比重','产业规模','%','level',1);
INSERT INTO "indicators" VALUES('producer_services_value_added','生产性服务业增加值','产业规模','元','cumulative',1);
INSERT INTO "indicators" VALUES('industrial_investment','工业投资总额','投资与项目','元','cumulative',1);
INSERT INTO "indicators" VALUES('capacity_expansion_projects','超千万元增资扩产项目','投资与项目','个','cumulative',1);
INSERT INTO "indicators" VALUES('major_industrial_projects','新增亿元以上产业项目','投资与项目','个','cumulative',1);
INSERT INTO "indicators" VALUES('single_champion_firms','新增国家制造业单项冠军企业','企业培育','家','cumulative',1);
INSERT INTO "indicators" VALUES('little_giant_firms','新增国家级专精特新“小巨人”企业','企业培育','家','cumulative',1);
INSERT INTO "indicators" VALUES('a_share_listed_firms','境内A股上市公司数量','企业培育','家','text',1);
INSERT INTO "indicators" VALUES('unicorn_incubation_firms','入库市级独角兽培育企业','企业培育','家','cumulative',1);
INSERT INTO "indicators" VALUES('gazelle_firms','瞪羚企业','企业培育','家','cumulative',1);
INSERT INTO "indicators" VALUES('high_tech_output_share','高新技术产业产值占规上工业总产值比重','科技创新','%','level',1);
INSERT INTO "indicators" VALUES('rd_intensity','全社会研发投入占GDP比重','科技创新','%','level',1);
INSERT INTO "indicators" VALUES('rd_institution_rate','规上工业企业研发机构建有率','科技创新','%','level',1);
INSERT INTO "indicators" VALUES('national_high_tech_zone','争创国家高新区','科技创新','个','cumulative',1);
INSERT INTO "indicators" VALUES('new_high_tech_enterprises','新增高新技术企业','科技创新','家','cumulative',1);
INSERT INTO "indicators" VALUES('informatization_integration','“两化”融合达成度','数字化智能化','%','level',1);
INSERT INTO "indicators" VALUES('industrial_vertical_models','动态培育工业垂类大模型','数字化智能化','个','cumulative',1);
INSERT INTO "indicators" VALUES('industrial_datasets','建设工业高质量数据集','数字化智能化','个','cumulative',1);
INSERT INTO "indicators" VALUES('pilot_smart_factories','新增领航级智能工厂','数字化智能化','个','cumulative',1);
INSERT INTO "indicators" VALUES('excellent_smart_factories','新增卓越级智能工厂','数字化智能化','个','cumulative',1);
INSERT INTO "indicators" VALUES('ai_enablement_centers','累计建设人工智能应用赋能中心','数字化智能化','家','level',1);
INSERT INTO "indicators" VALUES('computing_power','全市智算规模','数字化智能化','PFLOPS','level',1);
INSERT INTO "indicators" VALUES('talent_total','人才总量','要素保障','人','level',1);
INSERT INTO "indicators" VALUES('new_industrial_land','新供产业用地','要素保障','亩','cumulative',1);
INSERT INTO "indicators" VALUES('manufacturing_loans','新增制造业贷款余额','要素保障','元','cumulative',1);
INSERT INTO "indicators" VALUES('gross_industrial_output_increase','规上工业总产值比上年增加','城市统计','元','cumulative',1);
INSERT INTO "indicators" VALUES('private_industrial_output','民营工业产值','城市统计','元','cumulative',1);
INSERT INTO "indicators" VALUES('private_industrial_share','民营工业产值占规上工业总产值比重','城市统计','%','level',1);
INSERT INTO "indicators" VALUES('high_tech_output','高新技术产业产值','城市统计','元','cumulative',1);
INSERT INTO "indicators" VALUES('billion_yuan_industries','千亿产业数量','城市统计','个','level',1);
INSERT INTO "indicators" VALUES('industrial_revenue','工业营收','城市统计','元','cumulative',1);
INSERT INTO "indicators" VALUES('industrial_ranking','工业实力排名','城市统计','','text',1);
INSERT INTO "indicators" VALUES('economic_ranking','城市经济排名','城市统计','','text',1);
INSERT INTO "indicators" VALUES('gdp','GDP','城市统计','元','level',1);
INSERT INTO "indicators" VALUES('cities_gdp_over_2_trillion','GDP超两万亿的内地城市','城市统计','个','text',1);
INSERT INTO "indicators" VALUES('new_trillion_gdp_cities','2025年迈入万亿的城市','城市统计','','text',1);
CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
);
INSERT INTO "meta" VALUES('seeds_digest','b8ac807fee5a604fdc4c1a3eb501d1d1ae354324c913fea80518c1ac68a43c23');
CREATE TABLE "observations" (
   "indicator_id" TEXT REFERENCES "indicators"("id"),
   "city" TEXT,
   "period" TEXT,
   "year" INTEGER,
   "value" REAL,
   "unit" TEXT,
   "qualifier" TEXT,
   "text" TEXT,
   "status" TEXT,
   "source_id" TEXT REFERENCES "sources"("id"),
   "note" TEXT,
   "quote" TEXT,
   "recorded_at" TEXT,
   "recorded_by" TEXT,
   PRIMARY KEY ("indicator_id", "city", "period")
);
INSERT INTO "observations" VALUES('gross_industrial_output','苏州','2013年',2013,3.0,'万亿元','突破…','突破3万亿元','actual','article','全国第二，仅次于上海','早在2013年,苏州规上工业总产值就突破3万亿元,仅次于上海居于全国第二','','seed');
INSERT INTO "observations" VALUES('gross_industrial_output','深圳','2013年',2013,2.3,'万亿元','','2.3万亿元','actual','article','与苏州差距高达7千亿元','彼时深圳该指标仅为2.3万亿元,与苏州差距高达7千亿元','','seed');
INSERT INTO "observations" VALUES('gross_industrial_output','苏州','2024年',2024,4.7,'万亿元','','4.7万亿元','actual','article','','2024年的苏州,规上工业总产值就已经达到了4.7万亿元','','seed');
INSERT INTO "observations" VALUES('gross_industrial_output','苏州','2025年',2025,4.89,'万亿元','预计…','预计4.89万亿元','estimate','article','','2025年规上工业总产值预计达4.89万亿元','','seed');
INSERT INTO "observations" VALUES('gross_industrial_output_increase','苏州','2024年',2024,2673.56,'亿元','','2673.56亿元','actual','article','相较于2023年','相较于2023年增加了2673.56亿元','','seed');
INSERT INTO "observations" VALUES('private_industrial_output','苏州','2024年',2024,23163.1,'亿元','','23163.1亿元','actual','szstats','','2024年民营工业产值达到23163.1亿元','','seed');
INSERT INTO "observations" VALUES('private_industrial_share','苏州','2024年',2024,49.3,'%','','49.3%','actual','szstats','','占规模以上工业总产值比重达49.3%','','seed');
INSERT INTO "observations" VALUES('high_tech_output','苏州','',NULL,25726.3,'亿元','','25726.3亿元','actual','article','文中未注明年份','全市实现高新技术产业产值25726.3亿元','','seed');
INSERT INTO "observations" VALUES('billion_yuan_industries','苏州','',NULL,11.0,'个','','11个','actual','article','工信部41个工业行业大类中总产值超1000亿元的产业；千亿产业数量全国第二，仅次于上海','苏州有11个产业总产值超过1000亿元,在千亿产业数量上,苏州甚至比深圳还要多,位居全国第二,千亿产业数量仅次于上海的13个','','seed');
INSERT INTO "observations" VALUES('billion_yuan_industries','上海','',NULL,13.0,'个','','13个','actual','article','总产值超千亿的产业','千亿产业数量仅次于上海的13个','','seed');
INSERT INTO "observations" VALUES('industrial_revenue','北京','2024年',2024,3.0,'万亿','约…','约3万亿','estimate','article','北京工业实力位居全国第四','2024年北京的工业实力位居全国第四,仅次于深圳、苏州、上海,当年工业营收约3万亿','','seed');
INSERT INTO "observations" VALUES('industrial_ranking','北京','2024年',2024,NULL,'','','全国第四（仅次于深圳、苏州、上海）','actual','article','','2024年北京的工业实力位居全国第四,仅次于深圳、苏州、上海','','seed');
INSERT INTO "observations" VALUES('industrial_ranking','上海','',NULL,NULL,'','','全国第三（仅次于深圳、苏州）','actual','article','','其工业实力位居全国第三,仅次于深圳、苏州','','seed');
INSERT INTO "observations" VALUES('industrial_ranking','苏州','2013年',2013,NULL,'','','规上工业总产值全国第二（仅次于上海）','actual','article','','仅次于上海居于全国第二','','seed');
INSERT INTO "observations" VALUES('economic_ranking','苏州','',NULL,NULL,'','','内地经济第6城、全国经济第7城、江苏经济第一城','actual','article','','其内地经济第6城、全国经济第7城、江苏经济第一城的地位','','seed');
INSERT INTO "observations" VALUES('gdp','香港','',NULL,2.87,'万亿','','2.87万亿','actual','article','','加上香港的2.87万亿规模','','seed');
INSERT INTO "observations" VALUES('cities_gdp_over_2_trillion','全国','',NULL,9.0,'个','','9个：上海、北京、深圳、重庆、广州、苏州、成都、杭州、武汉','actual','article','加上香港共10个两万亿以上城市','内地城市GDP超两万亿的有9个城市,上海、北京、深圳、重庆、广州、苏州、成都、杭州、武汉','','seed');
INSERT INTO "observations" VALUES('new_trillion_gdp_cities','全国','2025年',2025,NULL,'','','温州、大连、徐州','estimate','article','2025年数据1月下旬陆续公布','2025年各城市的数据要等到1月下旬才会陆续公布,温州、大连、徐州将迈入万亿城市行列','','seed');
INSERT INTO "observations" VALUES('industrial_investment','苏州','2026年1-10月',2026,1900.0,'亿元','','1900亿元','actual','user:0e41ac7179bc','','','2026-11-29T08:50:43+00:00','王科长');
INSERT INTO "observations" VALUES('industrial_investment','苏州','1-10月',NULL,1980.0,'亿元','','1980亿元','actual','article','','','2026-11-29T08:50:43+00:00','表格导入');
INSERT INTO "observations" VALUES('new_high_tech_enterprises','苏州','1-10月',2026,420.0,'家','','420家','actual','article','','','2026-11-29T08:50:43+00:00','表格导入');
INSERT INTO "observations" VALUES('computing_power','苏州','十月底吧',2026,30000.0,'PFLOPS','','30000PFLOPS','actual','article','','','2026-11-29T08:50:43+00:00','表格导入');
INSERT INTO "observations" VALUES('talent_total','苏州','2025年',2025,420.0,'万人','','420万人','actual','article','','','2026-11-29T08:50:43+00:00','表格导入');
CREATE TABLE "sources" (
   "id" TEXT PRIMARY KEY,
   "title" TEXT,
   "publisher" TEXT,
   "published" TEXT,
   "quote" TEXT
);
INSERT INTO "sources" VALUES('plan2026','《苏州市推进新型工业化2026年行动方案》','苏州市','','在其发布的《苏州市推进新型工业化2026年行动方案》明确');
INSERT INTO "sources" VALUES('szstats','苏州统计局（据种子文章转引）','苏州统计局','','苏州统计局披露');
INSERT INTO "sources" VALUES('article','种子文章 000_01f0a1e0f9e951ab（苏州新型工业化评论）','','','公开资料显示');
INSERT INTO "sources" VALUES('user:0e41ac7179bc','管理员录入（王科长）','','','');
CREATE TABLE "subscriptions" (
   "chat_id" INTEGER PRIMARY KEY,
   "chat_title" TEXT,
   "at_time" TEXT,
   "tz" TEXT,
   "active" INTEGER,
   "paused" INTEGER,
   "due_from" TEXT,
   "last_sent_at" TEXT,
   "last_sent_on" TEXT,
   "created_by" INTEGER,
   "created_at" TEXT
);
CREATE TABLE "targets" (
   "indicator_id" TEXT REFERENCES "indicators"("id"),
   "city" TEXT,
   "year" INTEGER,
   "value" REAL,
   "unit" TEXT,
   "qualifier" TEXT,
   "text" TEXT,
   "source_id" TEXT REFERENCES "sources"("id"),
   "quote" TEXT,
   PRIMARY KEY ("indicator_id", "city", "year")
);
INSERT INTO "targets" VALUES('gross_industrial_output','苏州',2026,5.0,'万亿元','超…','超5万亿元','plan2026','除了规上工业总产值超5万亿这个大目标外');
INSERT INTO "targets" VALUES('industrial_value_added','苏州',2026,1.2,'万亿元','…以上','1.2万亿元以上','plan2026','工业增加值1.2万亿元以上');
INSERT INTO "targets" VALUES('manufacturing_share_of_gdp','苏州',2026,40.0,'%','保持…以上','保持40%以上','plan2026','制造业增加值占GDP比重保持40%以上');
INSERT INTO "targets" VALUES('producer_services_value_added','苏州',2026,8500.0,'亿元','','8500亿元','plan2026','生产性服务业增加值达8500亿元');
INSERT INTO "targets" VALUES('industrial_investment','苏州',2026,2500.0,'亿元','力争…','力争2500亿元','plan2026','力争工业投资总额达2500亿元');
INSERT INTO "targets" VALUES('capacity_expansion_projects','苏州',2026,1000.0,'个','…以上','1000个以上','plan2026','实施超千万元增资扩产项目1000个以上');
INSERT INTO "targets" VALUES('major_industrial_projects','苏州',2026,2500.0,'个','','2500个','plan2026','新增亿元以上产业项目2500个');
INSERT INTO "targets" VALUES('single_champion_firms','苏州',2026,10.0,'家','','10家','plan2026','新增国家制造业单项冠军企业10家');
INSERT INTO "targets" VALUES('little_giant_firms','苏州',2026,180.0,'家','','180家','plan2026','国家级专精特新“小巨人”企业180家');
INSERT INTO "targets" VALUES('a_share_listed_firms','苏州',2026,NULL,'','保持前列','保持前列','plan2026','境内A股上市公司数量保持前列');
INSERT INTO "targets" VALUES('unicorn_incubation_firms','苏州',2026,300.0,'家','力争…','力争300家','plan2026','力争入库市级独角兽培育企业300家');
INSERT INTO "targets" VALUES('gazelle_firms','苏州',2026,1000.0,'家','力争…','力争1000家','plan2026','力争入库市级独角兽培育企业300家、瞪羚企业1000家');
INSERT INTO "targets" VALUES('high_tech_output_share','苏州',2026,57.0,'%','','57%','plan2026','高新技术产业产值占规上工业总产值的比重达57%');
INSERT INTO "targets" VALUES('rd_intensity','苏州',2026,4.25,'%','超…','超4.25%','plan2026','全社会研发投入占GDP比重超4.25%');
INSERT INTO "targets" VALUES('rd_institution_rate','苏州',2026,95.0,'%','力争…','力争95%','plan2026','力争规上工业企业研发机构建有率达95%');
INSERT INTO "targets" VALUES('national_high_tech_zone','苏州',2026,1.0,'个','','1个','plan2026','争创国家高新区1个');
INSERT INTO "targets" VALUES('new_high_tech_enterprises','苏州',2026,500.0,'家','','500家','plan2026','新增高新技术企业500家');
INSERT INTO "targets" VALUES('informatization_integration','苏州',2026,89.0,'%','','89%','plan2026','“两化”融合达成度89%');
INSERT INTO "targets" VALUES('industrial_vertical_models','苏州',2026,150.0,'个','','150个','plan2026','动态培育工业垂类大模型150个');
INSERT INTO "targets" VALUES('industrial_datasets','苏州',2026,200.0,'个','','200个','plan2026','建设工业高质量数据集200个');
INSERT INTO "targets" VALUES('pilot_smart_factories','苏州',2026,1.0,'个','','1个','plan2026','新增领航级智能工厂1个');
INSERT INTO "targets" VALUES('excellent_smart_factories','苏州',2026,5.0,'个','','5个','plan2026','新增领航级智能工厂1个、卓越级智能工厂5个');
INSERT INTO "targets" VALUES('ai_enablement_centers','苏州',2026,10.0,'家','','10家','plan2026','累计建设人工智能应用赋能中心10家');
INSERT INTO "targets" VALUES('computing_power','苏州',2026,34000.0,'PFLOPS','','34000PFLOPS','plan2026','全市智算规模达34000PFLOPS');
INSERT INTO "targets" VALUES('talent_total','苏州',2026,440.0,'万人','突破…','突破440万人','plan2026','人才总量突破440万人');
INSERT INTO "targets" VALUES('new_industrial_land','苏州',2026,1.8,'万亩','','1.8万亩','plan2026','新供产业用地1.8万亩');
INSERT INTO "targets" VALUES('manufacturing_loans','苏州',2026,1000.0,'亿元','力争…以上','力争1000亿元以上','plan2026','力争新增制造业贷款余额1000亿元以上');
CREATE TABLE "unanswered" (
   "id" INTEGER PRIMARY KEY,
   "at" TEXT,
   "chat_id" INTEGER,
   "user_id" INTEGER,
   "question" TEXT,
   "normalized" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
COMMIT;
