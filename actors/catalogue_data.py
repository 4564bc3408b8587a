"""The framework catalogue of A/57/365 as data, loaded by migration 0003_catalogue.

Every duty the framework assigns to a role, with its paragraph, so that inspections, appraisals
and reports can point at the exact duty that was or was not done. ``text_zh`` is the seed's text
verbatim (only the PDF's line wraps and page headers removed; actors/tests/test_catalogue.py checks
it against the seed), ``text_en`` a faithful English rendering of it. Plain data on purpose: the
migration imports it, so it must never import models.
"""

# The role that holds the lettered items of each paragraph of the main report (source "report").
REPORT_ROLES: dict[int, str] = {
    4: "executive_head",
    5: "executive_head",
    7: "hq_focal_point",
    8: "designated_official",
    10: "fsco",
    11: "fsca",
    13: "agency_security_officer",
    15: "country_representative",
    16: "smt",
    18: "area_coordinator",
    20: "warden",
    22: "personnel",
}

# paragraph, letter, text_zh (verbatim), text_en
REPORT_ITEMS: list[tuple[int, str, str, str]] = [
    # ¶4: the Executive Heads, accountable to the Secretary-General (各行政首长将：)
    (
        4,
        "a",
        "对其所有工作人员的安全保障承担责任；",
        "Be responsible for the safety and security of all their staff;",
    ),
    (
        4,
        "b",
        "确保为实行联合国安全管理制度编列经费；",
        (
            "Ensure that funds are budgeted for implementing the United Nations security "
            "management system;"
        ),
    ),
    (
        4,
        "c",
        "负责分配资源和确定安全优先次序；",
        "Be responsible for allocating resources and setting security priorities;",
    ),
    (
        4,
        "d",
        (
            "有义务在一切论坛作宣传，以确保会员国为联合国系统各组织雇员及其合格家属提供安全和保障，"
            "不容忍对他们犯罪并将罪犯绳之以法；"
        ),
        (
            "Be obliged to advocate in all forums that Member States provide safety and security "
            "for personnel of the organizations of the United Nations system and their eligible "
            "dependants, do not tolerate crimes against them and bring the perpetrators to "
            "justice;"
        ),
    ),
    (
        4,
        "e",
        "支助联合国安全管理制度；",
        "Support the United Nations security management system;",
    ),
    (
        4,
        "f",
        (
            "共同负责努力实行联合国安全管理制度，向秘书长提供支助，确保秘书长履行大会交给他的各项法"
            "定任务；"
        ),
        (
            "Share responsibility for the effort to implement the United Nations security "
            "management system, supporting the Secretary-General and ensuring that he can fulfil "
            "the mandates given to him by the General Assembly;"
        ),
    ),
    (
        4,
        "g",
        (
            "确保为他们工作的所有主管不仅支助秘书长的工作，而且履行其确保遵守联合国安全管理制度的责"
            "任；"
        ),
        (
            "Ensure that all managers working for them not only support the work of the "
            "Secretary-General but also fulfil their own responsibility for ensuring compliance "
            "with the United Nations security management system;"
        ),
    ),
    (
        4,
        "h",
        "有“注意义务”确保联合国系统各组织雇员及其合格家属不冒特殊风险；及",
        (
            "Have a “duty of care” to ensure that personnel of the organizations of the United "
            "Nations system and their eligible dependants are not exposed to exceptional risk; and"
        ),
    ),
    (
        4,
        "i",
        "与联合国安全协调员密切联系，确保全系统采取协调一致的安全办法。",
        (
            "Maintain close contact with the United Nations Security Coordinator to ensure a "
            "coordinated, coherent system-wide approach to security."
        ),
    ),
    # ¶5: the system-wide security management arrangements the Executive Heads established
    # (各行政首长制定了整个联合国系统安全管理实施办法)
    (
        5,
        "a",
        (
            "全面审查关于联合国整个安全管理制度的政策和与资源有关的问题，这应成为管理问题高级别委员"
            "会议程上的长期项目。联合国安全协调员或其指定代表应参加这些讨论；"
        ),
        (
            "A comprehensive review of policy and resource-related issues concerning the whole "
            "United Nations security management system should be a standing item on the agenda of "
            "the High-Level Committee on Management; the United Nations Security Coordinator or a "
            "designated representative should take part in these discussions;"
        ),
    ),
    (
        5,
        "b",
        (
            "机构间警卫管理网将向管理问题高级别委员会提供支助，后者由高级主管组成，对各自机构内的安"
            "全职责进行管理监督；"
        ),
        (
            "The Inter-Agency Security Management Network will support the High-Level Committee on "
            "Management, the latter being composed of senior managers who exercise managerial "
            "oversight of security responsibilities within their respective organizations;"
        ),
    ),
    (
        5,
        "c",
        (
            "联合国安全协调员将主持机构间警卫管理网的工作，每年至少举行一次会议，审查联合国安全管理"
            "制度的所有现行和拟议政策、程序和措施，并就此向管理问题高级委员会提出报告和建议；"
        ),
        (
            "The United Nations Security Coordinator will chair the Inter-Agency Security "
            "Management Network, which will meet at least once a year to review all existing and "
            "proposed policies, procedures and measures of the United Nations security management "
            "system and report and make recommendations on them to the High-Level Committee on "
            "Management;"
        ),
    ),
    (
        5,
        "d",
        (
            "在年会期间，联合国安全协调员可在有兴趣的组织中间举行工作组会议，讨论具体的安全问题。工"
            "作组报告将提交机构间警卫管理网，供审查和核准；"
        ),
        (
            "During the annual meeting, the United Nations Security Coordinator may convene "
            "working groups of interested organizations to discuss specific security issues; the "
            "working groups' reports will be submitted to the Inter-Agency Security Management "
            "Network for review and approval;"
        ),
    ),
    (
        5,
        "e",
        (
            "机构间警卫管理网将监测联合国系统所有行动者执行联合国安全管理政策、措施和程序的情况，包"
            "括预算，并就此向管理问题高级委员会提出报告和建议；"
        ),
        (
            "The Inter-Agency Security Management Network will monitor the implementation of "
            "United Nations security management policies, measures and procedures, including "
            "budgets, by all actors of the United Nations system, and report and make "
            "recommendations on it to the High-Level Committee on Management;"
        ),
    ),
    (
        5,
        "f",
        (
            "管理问题高级委员会将审查机构间警卫管理网提出的建议，并就这些建议做出决定或就其执行方式"
            "向联合国系统行政首长协调理事会提出建议。"
        ),
        (
            "The High-Level Committee on Management will review the recommendations of the "
            "Inter-Agency Security Management Network and either decide on them or make "
            "recommendations on how to implement them to the United Nations System Chief "
            "Executives Board for Coordination."
        ),
    ),
    # ¶7: the Senior Security Manager and/or HQ Security Focal Point, (to the Executive Head)
    (
        7,
        "a",
        "就安全事项向行政首长提出建议，并随时向行政首长报告有关安全管理问题的最新消息；",
        (
            "Advise the Executive Head on security matters and keep the Executive Head informed at "
            "all times of security management issues;"
        ),
    ),
    (
        7,
        "b",
        "确保机构的国家代表酌情充分参加安全管理小组的工作；",
        (
            "Ensure that the organization's country representatives take full part, as "
            "appropriate, in the work of the Security Management Team;"
        ),
    ),
    (
        7,
        "c",
        "与安协办和机构间警卫管理网其它成员密切合作，支助联合国安全协调员履行职责；",
        (
            "Work closely with UNSECOORD and the other members of the Inter-Agency Security "
            "Management Network to support the United Nations Security Coordinator in discharging "
            "his or her duties;"
        ),
    ),
    (
        7,
        "d",
        (
            "酌情协助外地代表执行《最低业务安全标准》，包括《最低电信标准》（《最低业务安全标准》电"
            "信部分）；"
        ),
        (
            "Assist field representatives, as appropriate, in implementing the Minimum Operating "
            "Security Standards, including the Minimum Telecommunications Standards (the "
            "telecommunications component of the Minimum Operating Security Standards);"
        ),
    ),
    (
        7,
        "e",
        "在调动资源方面提供协助/支助，帮助外地办事处落实保安所需要经费；",
        (
            "Provide assistance/support in mobilizing resources, helping field offices to secure "
            "the funds that security requires;"
        ),
    ),
    (
        7,
        "f",
        "作为机构间警卫管理网成员；",
        "Serve as a member of the Inter-Agency Security Management Network;",
    ),
    (
        7,
        "g",
        "确保向联合国系统各组织所有雇员和合格家属介绍情况并提供安全训练；",
        (
            "Ensure that all personnel of the organizations of the United Nations system and their "
            "eligible dependants are briefed and given security training;"
        ),
    ),
    (
        7,
        "h",
        "传播安全信息，推广安全方面的教育；",
        "Disseminate security information and promote security education;",
    ),
    (
        7,
        "i",
        "确保遵守关于安全保密检查的政策和程序。",
        "Ensure compliance with the policies and procedures on security clearance.",
    ),
    # ¶8: the Designated Official, accountable to the Secretary-General through UNSECOORD
    (
        8,
        "a",
        (
            "确保遵守《联合国外勤安全手册》中详述的各项安排，拟订并执行工作地点安全计划，旨在维护联"
            "合国系统人员和业务的安全和保障。该计划将包括查明和调查一些可行的选择办法，让联合国系统"
            "各组织所有雇员及其合格家属在必须转移或撤离的情况下，在国内安全转移或安全迁往指定国家；"
        ),
        (
            "Ensure compliance with the arrangements detailed in the United Nations Field Security "
            "Handbook, and prepare and implement a security plan for the duty station to maintain "
            "the safety and security of United Nations system personnel and operations. The plan "
            "will include identifying and examining feasible options for all personnel of the "
            "organizations of the United Nations system and their eligible dependants, should "
            "relocation or evacuation become necessary, to be relocated safely within the country "
            "or evacuated safely to a designated country;"
        ),
    ),
    (
        8,
        "b",
        "向安协办推荐适当人选担任临时指定官员。他们通常是机构、方案或基金的首长；",
        (
            "Recommend to UNSECOORD suitable persons to serve as Designated Official ad interim; "
            "they are normally heads of agencies, programmes or funds;"
        ),
    ),
    (
        8,
        "c",
        (
            "通过联合国安全协调员随时向秘书长通报可能对联合国系统各组织雇员及其合格家属和财产或各组"
            "织财产的安全和保护有影响的所有事态发展。如果业务影响到安全或机构间安全问题，必须向联合"
            "国安全协调员汇报；"
        ),
        (
            "Keep the Secretary-General informed, through the United Nations Security Coordinator, "
            "of all developments that may affect the safety and protection of personnel of the "
            "organizations of the United Nations system, their eligible dependants and property, "
            "or of the organizations' property. Where operations affect security or inter-agency "
            "security issues, the United Nations Security Coordinator must be informed;"
        ),
    ),
    (
        8,
        "d",
        (
            "落实秘书长决定的各项安排，支助东道国政府针对联合国系统各组织雇员及其合格家属和财产及各"
            "组织财产的安全和保护采取措施；就这些人的安全和保护事项与东道国政府保持联系；"
        ),
        (
            "Implement the arrangements decided by the Secretary-General, support the measures "
            "taken by the host Government for the safety and protection of personnel of the "
            "organizations of the United Nations system, their eligible dependants and property, "
            "and of the organizations' property, and maintain liaison with the host Government on "
            "matters concerning the safety and protection of these persons;"
        ),
    ),
    (
        8,
        "e",
        "确保安全管理小组正常运作，确定在此方面负有特殊责任的工作人员；",
        (
            "Ensure that the Security Management Team functions properly, and identify the staff "
            "members with special responsibilities in this regard;"
        ),
    ),
    (
        8,
        "f",
        "确保建立完全统一的运作和业务通讯系统，促进安全管理；",
        (
            "Ensure that a fully integrated operational and communications system is established "
            "to facilitate security management;"
        ),
    ),
    (
        8,
        "g",
        (
            "为联合国在全国的所有活动与安全管理小组共同拟订和执行《最低业务安全标准》，其中包括《最"
            "低通信标准》；"
        ),
        (
            "Prepare and implement, together with the Security Management Team, Minimum Operating "
            "Security Standards, including Minimum Telecommunications Standards, for all United "
            "Nations activities throughout the country;"
        ),
    ),
    (
        8,
        "h",
        (
            "与安全管理小组共同指定地区协调员和主管，核实小组已适当训练和装备他们，并向其上级机构提"
            "供有关个人考绩的意见；"
        ),
        (
            "Designate, together with the Security Management Team, area coordinators and wardens, "
            "verify that the Team has properly trained and equipped them, and give their parent "
            "organizations input for their individual performance appraisals;"
        ),
    ),
    (
        8,
        "i",
        (
            "确保按照《最低业务安全标准》的规定，为联合国系统各组织所有雇员适当配备必要的安全保障设"
            "备，并训练如何使用设备；"
        ),
        (
            "Ensure that, as the Minimum Operating Security Standards require, all personnel of "
            "the organizations of the United Nations system are properly provided with the "
            "necessary safety and security equipment and trained in its use;"
        ),
    ),
    (
        8,
        "j",
        (
            "随时向安全管理小组和工作地点每个机构的高级官员（酌情）通报与安全有关的所有信息和国内正"
            "在采取的措施；"
        ),
        (
            "Keep the Security Management Team and the senior official of each organization at the "
            "duty station (as appropriate) informed of all security-related information and of the "
            "measures being taken in the country;"
        ),
    ),
    (
        8,
        "k",
        (
            "建立简报制度，确保联合国系统各组织所有雇员及其合格家属了解他们应采取的与安全计划有关的"
            "具体防范措施，确保他们接受充分、适当的安全训练；"
        ),
        (
            "Establish a system of briefings to ensure that all personnel of the organizations of "
            "the United Nations system and their eligible dependants know the specific "
            "precautionary measures they should take under the security plan, and ensure that they "
            "receive adequate and appropriate security training;"
        ),
    ),
    (
        8,
        "l",
        "包括签署工作地点安全安排谅解备忘录的政府间组织和非政府组织工作人员及其合格家属；",
        (
            "Include the staff of intergovernmental and non-governmental organizations that have "
            "signed a memorandum of understanding on security arrangements at the duty station, "
            "and their eligible dependants;"
        ),
    ),
    (
        8,
        "m",
        "确保根据既定准则与政府间组织/非政府组织就安全问题进行合作，并作为业务伙伴共同努力；",
        (
            "Ensure cooperation on security matters with intergovernmental/non-governmental "
            "organizations in accordance with the established guidelines, working together as "
            "operational partners;"
        ),
    ),
    (
        8,
        "n",
        "根据《联合国外勤安全手册》，向安协办提交所有必要报告；",
        (
            "Submit all necessary reports to UNSECOORD as the United Nations Field Security "
            "Handbook requires;"
        ),
    ),
    (
        8,
        "o",
        (
            "应要求，确保依照机构间商定的国际征聘人员特殊撤离安排，制订当地征聘人员特殊撤离安排，包"
            "括国内转移的若干选择办法；"
        ),
        (
            "When requested, ensure that special evacuation arrangements for locally recruited "
            "staff, including options for relocation within the country, are drawn up in line with "
            "the inter-agency agreed special evacuation arrangements for internationally recruited "
            "staff;"
        ),
    ),
    (
        8,
        "p",
        (
            "在不能与秘书长联系的紧急情况下，指定官员有权运用自己的最佳判断力进行转移/撤离，事后立"
            "即通过安协办向秘书长报告。"
        ),
        (
            "In an emergency in which the Secretary-General cannot be reached, the Designated "
            "Official is authorized to use his or her best judgement to carry out a "
            "relocation/evacuation, and reports to the Secretary-General through UNSECOORD "
            "immediately afterwards."
        ),
    ),
    # ¶10: every FSCO (¶9: regional, deputy and assistant FSCOs included)
    (
        10,
        "a",
        "各自工作地点安全管理、危机准备和预防的各个方面；",
        (
            "All aspects of security management, crisis preparedness and prevention at their duty "
            "stations;"
        ),
    ),
    (
        10,
        "b",
        (
            "作为指定官员和安全管理小组的主要顾问，履行有关联合国系统各组织雇员及其合格家属安全和财"
            "产安全的责任；"
        ),
        (
            "Serving as the principal adviser to the Designated Official and the Security "
            "Management Team, discharging responsibilities for the security of personnel of the "
            "organizations of the United Nations system and their eligible dependants and the "
            "security of property;"
        ),
    ),
    (
        10,
        "c",
        "就安全问题与工作地点联合国系统所有其他办事处密切合作，确保最佳协调；",
        (
            "Working closely on security matters with all other offices of the United Nations "
            "system at the duty station to ensure the best possible coordination;"
        ),
    ),
    (
        10,
        "d",
        (
            "在也有单个机构警卫的工作地点建立安全协调单位并主持其工作，以确保工作地点所有警卫共同努"
            "力，促进机构间安全协调；"
        ),
        (
            "At duty stations that also have single-agency security officers, establishing and "
            "chairing a security coordination unit, so that all security officers at the duty "
            "station work together to promote inter-agency security coordination;"
        ),
    ),
    (
        10,
        "e",
        "编制、保存和更新具体国家安全计划、应急计划和联合国系统各组织雇员及其合格家属的安全名单；",
        (
            "Preparing, maintaining and updating country-specific security plans, contingency "
            "plans and security lists of personnel of the organizations of the United Nations "
            "system and their eligible dependants;"
        ),
    ),
    (
        10,
        "f",
        "在联合国系统各组织雇员及其合格家属所在工作地点的所有地区进行风险/危险评估；",
        (
            "Conducting risk/threat assessments of all areas of the duty station where personnel "
            "of the organizations of the United Nations system and their eligible dependants are "
            "located;"
        ),
    ),
    (
        10,
        "g",
        "与国家执法机构发展良好关系，以期获得对联合国系统各组织雇员及其合格家属和财产的最好保护；",
        (
            "Developing good relations with national law enforcement agencies, with a view to "
            "obtaining the best possible protection for personnel of the organizations of the "
            "United Nations system, their eligible dependants and property;"
        ),
    ),
    (
        10,
        "h",
        "确保所有安全和通讯设备状况良好；",
        "Ensuring that all security and communications equipment is in good working order;",
    ),
    (
        10,
        "i",
        "确保根据安全环境变化的需要，让联合国系统各组织雇员及其合格家属接受当地安全训练；",
        (
            "Ensuring that personnel of the organizations of the United Nations system and their "
            "eligible dependants receive local security training as changes in the security "
            "environment require;"
        ),
    ),
    (
        10,
        "j",
        (
            "确保联合国系统各组织雇员及其合格家属了解影响他们安全的问题，并为新到的联合国工作人员做"
            "出适当的情况介绍安排；"
        ),
        (
            "Ensuring that personnel of the organizations of the United Nations system and their "
            "eligible dependants are informed of issues affecting their security, and making "
            "appropriate briefing arrangements for newly arrived United Nations staff;"
        ),
    ),
    (
        10,
        "k",
        (
            "就与实施安全计划有关的预防措施向联合国系统各组织雇员及其合格家属提供最新详细指导，包括"
            "他们应准备好的应急物品综合清单，以及在包括自然灾害和政治危机在内的各种紧急情况下的行为"
            "指南；"
        ),
        (
            "Giving personnel of the organizations of the United Nations system and their eligible "
            "dependants up-to-date, detailed guidance on the precautionary measures relating to "
            "the implementation of the security plan, including a comprehensive list of the "
            "emergency supplies they should keep ready and guidelines on conduct in emergencies of "
            "all kinds, including natural disasters and political crises;"
        ),
    ),
    (
        10,
        "l",
        "确保转移/撤离到安全地区的计划不过时而且可行；",
        "Ensuring that plans for relocation/evacuation to safe areas are current and feasible;",
    ),
    (
        10,
        "m",
        (
            "报告联合国系统各组织的雇员和（或）其合格家属是罪行受害者的所有案件，并就这些案件提交必"
            "要报告；"
        ),
        (
            "Reporting all cases in which personnel of the organizations of the United Nations "
            "system and/or their eligible dependants are victims of crime, and submitting the "
            "necessary reports on those cases;"
        ),
    ),
    (
        10,
        "n",
        "对住宅区/房舍进行安全检查；",
        "Conducting security surveys of residential areas/premises;",
    ),
    (
        10,
        "o",
        "确保在安全事项方面保持适当的保密级别；",
        "Ensuring that an appropriate level of confidentiality is maintained on security matters;",
    ),
    (
        10,
        "p",
        "在国家一级担任安全管理小组成员；",
        "Serving as a member of the Security Management Team at the country level;",
    ),
    (
        10,
        "q",
        "根据《最低业务安全标准》就业务安全要求向指定官员和安全管理小组提出建议。",
        (
            "Advising the Designated Official and the Security Management Team on operational "
            "security requirements under the Minimum Operating Security Standards."
        ),
    ),
    # ¶11: the FSCA, assisting the FSCO and the Designated Official
    (
        11,
        "a",
        "与地方政府安全组织进行联系和协调；",
        "Liaising and coordinating with local government security organizations;",
    ),
    (
        11,
        "b",
        "维持安全计划，包括更新工作人员名单；",
        "Maintaining the security plan, including updating staff lists;",
    ),
    (
        11,
        "c",
        "维持设备《最低业务安全标准》；",
        "Maintaining the equipment under the Minimum Operating Security Standards;",
    ),
    (
        11,
        "d",
        "维持办公室安全；",
        "Maintaining office security;",
    ),
    (
        11,
        "e",
        "外勤安全协调干事或指定官员要求的其他事项。",
        (
            "Other matters requested by the Field Security Coordination Officer or the Designated "
            "Official."
        ),
    ),
    # ¶13: the single-agency security officer, besides the duties the own agency sets (¶12)
    (
        13,
        "a",
        "协助机构国家代表履行安全职责并向其提出建议；",
        (
            "Assisting and advising the organization's country representative in discharging "
            "security responsibilities;"
        ),
    ),
    (
        13,
        "b",
        "应要求协助区域安全协调员或指定官员履行职责并向其提出建议；",
        (
            "When requested, assisting and advising the regional (area) security coordinator or "
            "the Designated Official in discharging their duties;"
        ),
    ),
    (
        13,
        "c",
        "作为外勤安全协调干事建立的安全单位成员参加；",
        (
            "Taking part as a member of the security unit established by the Field Security "
            "Coordination Officer;"
        ),
    ),
    (
        13,
        "d",
        "确保按照现行安全政策和程序向工作人员介绍安全事项并进行安全训练；",
        (
            "Ensuring that staff are briefed on security matters and given security training in "
            "accordance with current security policies and procedures;"
        ),
    ),
    (
        13,
        "e",
        "确保任何时候都遵守安全程序和政策；",
        "Ensuring that security procedures and policies are complied with at all times;",
    ),
    (
        13,
        "f",
        "审查为机构所有国际人员制定的驻地安全措施；",
        (
            "Reviewing the residential security measures established for all the organization's "
            "international staff;"
        ),
    ),
    (
        13,
        "g",
        "应指定官员要求，作为代理外勤安全协调干事；",
        (
            "Acting as Field Security Coordination Officer ad interim when the Designated Official "
            "so requests;"
        ),
    ),
    (
        13,
        "h",
        "向指定官员报告所有安全事件。",
        "Reporting all security incidents to the Designated Official.",
    ),
    # ¶15: the country representative (¶14: accountable through the Executive Head)
    (
        15,
        "a",
        "成为安全管理小组成员；",
        "Being a member of the Security Management Team;",
    ),
    (
        15,
        "b",
        "负责其组织所在工作地点雇员及其合格家属的安全保障，并执行安全计划；",
        (
            "Being responsible for the safety and security of the organization's personnel and "
            "their eligible dependants at the duty station, and implementing the security plan;"
        ),
    ),
    (
        15,
        "c",
        "确保安全保障是工作地点所有方案的核心内容，并按需要适当提供资助；",
        (
            "Ensuring that safety and security are a core component of all programmes at the duty "
            "station and are adequately funded as needed;"
        ),
    ),
    (
        15,
        "d",
        (
            "就涉及安全、安全计划和《最低业务安全标准》的执行、维持和遵守的所有事项与指定官员协商并"
            "提供协助；"
        ),
        (
            "Consulting and assisting the Designated Official on all matters concerning the "
            "implementation, maintenance and observance of security, the security plan and the "
            "Minimum Operating Security Standards;"
        ),
    ),
    (
        15,
        "e",
        "确保工作人员及其合格家属充分遵守所有与安全有关的指示；",
        (
            "Ensuring that staff and their eligible dependants fully comply with all "
            "security-related instructions;"
        ),
    ),
    (
        15,
        "f",
        "确保所有工作人员参加有关安全意识的适当训练和情况介绍会；",
        "Ensuring that all staff attend appropriate security awareness training and briefings;",
    ),
    (
        15,
        "g",
        "亲自参加所有训练方案；",
        "Personally attending all training programmes;",
    ),
    (
        15,
        "h",
        "确保根据《最低业务安全标准》为工作人员提供适当的业务通讯设备；",
        (
            "Ensuring that staff are provided with appropriate operational communications "
            "equipment in accordance with the Minimum Operating Security Standards;"
        ),
    ),
    (
        15,
        "i",
        "确保定期向指定官员提供地区内机构所有当地雇员其及合格家属的最新名单；",
        (
            "Ensuring that the Designated Official is regularly given an up-to-date list of all "
            "the organization's local personnel in the area and their eligible dependants;"
        ),
    ),
    (
        15,
        "j",
        "根据工作地点既定程序，确保指定官员随时了解机构人员及其合格家属的行踪和动向；",
        (
            "Ensuring, in accordance with the procedures established at the duty station, that the "
            "Designated Official knows at all times the whereabouts and movements of the "
            "organization's personnel and their eligible dependants;"
        ),
    ),
    (
        15,
        "k",
        "向指定官员报告所有与安全有关的事件；",
        "Reporting all security-related incidents to the Designated Official;",
    ),
    (
        15,
        "l",
        "确保所有人员依照联合国规则和程序行动；",
        "Ensuring that all personnel act in accordance with United Nations rules and procedures;",
    ),
    (
        15,
        "m",
        (
            "确保在安全安排中纳入机构雇用的某些国际征聘人员家属，他们不在本国工作，或被派往附近不带"
            "家属的工作地点，把家属留在本国内；"
        ),
        (
            "Ensuring that the security arrangements include the dependants of those "
            "internationally recruited staff of the organization who do not work in their home "
            "country, or who are assigned to a nearby non-family duty station and leave their "
            "dependants behind in the country;"
        ),
    ),
    (
        15,
        "n",
        "确保做出安排，让政府间组织/非政府组织与联合国各机构作为业务伙伴共同努力。",
        (
            "Ensuring that arrangements are made for intergovernmental/non-governmental "
            "organizations to work together with the United Nations organizations as operational "
            "partners."
        ),
    ),
    # ¶16: the Security Management Team, collectively (安全管理小组共同负责)
    (
        16,
        "a",
        "与指定官员密切合作；",
        "Working closely with the Designated Official;",
    ),
    (
        16,
        "b",
        "定期开会审查当前形势，确保在工作地点有效管理安全事务；",
        (
            "Meeting regularly to review the current situation and ensure that security is managed "
            "effectively at the duty station;"
        ),
    ),
    (
        16,
        "c",
        (
            "确保联合国系统各组织雇员及其合格家属所在国家的每个工作地点都维持并执行行之有效的《安全"
            "计划》；"
        ),
        (
            "Ensuring that an effective security plan is maintained and implemented at every duty "
            "station in the country where personnel of the organizations of the United Nations "
            "system and their eligible dependants are located;"
        ),
    ),
    (
        16,
        "d",
        "确保不断更新工作人员及其合格家属名单；",
        (
            "Ensuring that lists of staff and their eligible dependants are kept continuously up "
            "to date;"
        ),
    ),
    (
        16,
        "e",
        "确保训练和装备每个地区的安全协调员和主管，以履行其职责，确保他们充分了解并履行全部责任；",
        (
            "Ensuring that the area security coordinators and wardens of every area are trained "
            "and equipped to perform their duties, and that they fully understand and discharge "
            "all their responsibilities;"
        ),
    ),
    (
        16,
        "f",
        (
            "制定工作地点《最低业务安全标准》，监测其执行情况，并确保联合国系统各组织所有雇员及其合"
            "格家属予以遵守；"
        ),
        (
            "Establishing Minimum Operating Security Standards for the duty station, monitoring "
            "their implementation and ensuring that all personnel of the organizations of the "
            "United Nations system and their eligible dependants comply with them;"
        ),
    ),
    (
        16,
        "g",
        "确保提供资源，执行核准的所有措施；",
        "Ensuring that resources are provided to implement all approved measures;",
    ),
    (
        16,
        "h",
        "在有联合国工作人员活动的国家中，为联合国系统雇用的所有警卫考绩提供意见。",
        (
            "In countries where United Nations staff are active, giving input to the performance "
            "appraisals of all security officers employed by the United Nations system."
        ),
    ),
    # ¶18: the Area Security Coordinator, appointed in writing by the DO (¶17)
    (
        18,
        "a",
        "代表赋予他们责任的指定官员协调并控制首都以外办事分处的安全安排；",
        (
            "Coordinating and controlling the security arrangements of sub-offices outside the "
            "capital on behalf of the Designated Official who assigned them their "
            "responsibilities;"
        ),
    ),
    (
        18,
        "b",
        "指定责任区主管；",
        "Designating wardens for the area of responsibility;",
    ),
    (
        18,
        "c",
        "拟订具体的地区安全计划；",
        "Preparing a specific area security plan;",
    ),
    (
        18,
        "d",
        "保存联合国系统各组织工作地点雇员及其合格家属名单；",
        (
            "Keeping lists of the personnel of the organizations of the United Nations system at "
            "the duty station and their eligible dependants;"
        ),
    ),
    (
        18,
        "e",
        "执行《最低业务安全标准》；",
        "Implementing the Minimum Operating Security Standards;",
    ),
    (
        18,
        "f",
        (
            "随时有系统地向指定官员通报其责任区内对联合国系统各组织雇员及其合格家属的安全保障有影响"
            "的事件或事态发展。"
        ),
        (
            "Keeping the Designated Official systematically informed at all times of incidents or "
            "developments in their area of responsibility that affect the safety and security of "
            "personnel of the organizations of the United Nations system and their eligible "
            "dependants."
        ),
    ),
    # ¶20: the warden, appointed in writing by the DO (¶19)
    (
        20,
        "a",
        "作为指定官员与其所在地区联合国系统各组织雇员及其合格家属的沟通渠道；",
        (
            "Serving as the channel of communication between the Designated Official and the "
            "personnel of the organizations of the United Nations system and their eligible "
            "dependants in their zone;"
        ),
    ),
    (
        20,
        "b",
        "确保这些雇员及其合格家属定期了解当前的安全安排和紧急情况阶段；",
        (
            "Ensuring that those personnel and their eligible dependants are regularly informed of "
            "current security arrangements and of the emergency phase in effect;"
        ),
    ),
    (
        20,
        "c",
        "确保遵守有关预防措施的指示；",
        "Ensuring compliance with instructions on precautionary measures;",
    ),
    (
        20,
        "d",
        "确保指定1人与暂住在主管所在区的居所或旅馆的联合国来访者保持联系；",
        (
            "Ensuring that one person is designated to keep in contact with United Nations "
            "visitors staying temporarily at residences or hotels in the warden's zone;"
        ),
    ),
    (
        20,
        "e",
        "执行指定官员或外勤安全协调干事分配的其它与安全有关的责任；",
        (
            "Carrying out other security-related responsibilities assigned by the Designated "
            "Official or the Field Security Coordination Officer;"
        ),
    ),
    (
        20,
        "f",
        (
            "针对不在本国工作或被派往附近不带家属的工作地点及把家属留在工作地点的国际征聘工作人员，"
            "确保在安全安排中列入他们的家属；"
        ),
        (
            "For internationally recruited staff who do not work in their home country, or who are "
            "assigned to a nearby non-family duty station and leave their dependants at the duty "
            "station, ensuring that those dependants are included in the security arrangements;"
        ),
    ),
    (
        20,
        "g",
        "访问在他们地区生活的每户家庭，确保这些家庭了解各项安全安排。",
        (
            "Visiting every household living in their zone to ensure that it knows the security "
            "arrangements."
        ),
    ),
    # ¶22: all personnel (¶21: accountable to their warden and Executive Head)
    (
        22,
        "a",
        "熟悉在工作地点提供给他们的关于联合国安全管理制度的资料；",
        (
            "Familiarizing themselves with the information on the United Nations security "
            "management system provided to them at the duty station;"
        ),
    ),
    (
        22,
        "b",
        "在旅行之前接受安全保密检查；",
        "Obtaining security clearance before travelling;",
    ),
    (
        22,
        "c",
        "出席安全简报会，在证实已向他们介绍情况的文件上签字；",
        (
            "Attending security briefings and signing a document certifying that they have been "
            "briefed;"
        ),
    ),
    (
        22,
        "d",
        "了解谁是他们的地区主管和（或）机构安全联络员；",
        "Knowing who their warden and/or agency security focal point is;",
    ),
    (
        22,
        "e",
        "适当装备，以在工作地点提供服务；",
        "Being appropriately equipped for service at the duty station;",
    ),
    (
        22,
        "f",
        "在工作地点实行并遵守所有安全条例和程序，无论是上班还是下班；",
        (
            "Applying and complying with all security regulations and procedures at the duty "
            "station, on and off duty;"
        ),
    ),
    (
        22,
        "g",
        "注意言行举止不会危及自己或他人的安全保障。",
        (
            "Conducting themselves in a manner that does not endanger their own safety and "
            "security or that of others."
        ),
    ),
]

# The annex (general security policy statement) is not lettered: one entry per paragraph that
# assigns a duty, held by each role it names (one Responsibility row per role, letter "").
# Chosen from the text, after the role table of the domain guide; where they differ the text wins:
# annex ¶15 names the country representative ("国家代表或被其提名者"), not the HQ focal point;
# annex ¶7, ¶11, ¶17, ¶29 bind all personnel; ¶21-¶23 the SMT (as Role "smt" lists);
# ¶24 and ¶27 the country security focal point ("每个办事处的安全联络员"), the country
# representative staying accountable (¶24); ¶26 the HQ focal point's attendance records.
# UNSECOORD's own duties (annex ¶5, ¶12, ¶13, ¶26) are left out: ¶6 defers them to a
# Secretary-General's bulletin, and UNSECOORD is the inspector, not the inspected.
# paragraph, roles, text_zh (verbatim), text_en
ANNEX_PARAGRAPHS: list[tuple[int, tuple[str, ...], str, str]] = [
    (
        7,
        ("personnel",),
        (
            "“人员”一词指联合国系统各组织雇用的国际和当地征聘人员，不论其合同情况如何。“国家代表”一"
            "词指特定国家中的联合国机构、方案或基金首长。联合国系统各组织所有雇员都应遵守安全规则、"
            "条例和程序。对于不遵守这些规则、条例和程序的联合国系统各组织雇员，将根据各自组织的《工"
            "作人员细则和条例》追究其责任。"
        ),
        (
            "The term “personnel” means internationally and locally recruited staff employed by "
            "the organizations of the United Nations system, whatever their contractual status. "
            "The term “country representative” means the head of a United Nations agency, "
            "programme or fund in a given country. All personnel of the organizations of the "
            "United Nations system are to comply with security rules, regulations and procedures. "
            "Personnel of the organizations of the United Nations system who do not comply with "
            "these rules, regulations and procedures will be held accountable under the Staff "
            "Rules and Regulations of their own organization."
        ),
    ),
    (
        8,
        ("executive_head",),
        (
            "行政首长或副首长对其机构工作人员的安全保障负有全部责任。但这一责任由总部、区域和国家办"
            "事处的所有主管分担，他们负责其下属人员的安全保障。"
        ),
        (
            "The Executive Head or Deputy Executive Head bears overall responsibility for the "
            "safety and security of the organization's staff. This responsibility is, however, "
            "shared by all managers at headquarters, regional and country offices, who are "
            "responsible for the safety and security of the staff under them."
        ),
    ),
    (
        9,
        ("executive_head", "hq_focal_point"),
        (
            "行政首长及副首长将指定 1名高级安全主管和（或）总部安全联络员协助他们执行任务，负责协调"
            "机构对安全保障问题的日常反应，并向所有有关行动者提供建议、指导和技术援助。高级安全主管"
            "和（或）总部安全联络员应监测所有工作地点的安全问题，确保向工作人员提供必要的训练和装备"
            "。高级安全主管和（或）总部安全联络员应代表行政首长，进一步鼓励遵守所列参考资料中详述的"
            "联合国所有安全政策和程序，以及个别组织的其它安全指令。"
        ),
        (
            "The Executive Head and Deputy Executive Head will designate a Senior Security Manager "
            "and/or Headquarters Security Focal Point to assist them in their tasks, responsible "
            "for coordinating the organization's day-to-day response to safety and security "
            "matters and for providing advice, guidance and technical assistance to all actors "
            "concerned. The Senior Security Manager and/or Headquarters Security Focal Point "
            "should monitor security issues at all duty stations and ensure that staff are "
            "provided with the necessary training and equipment. The Senior Security Manager "
            "and/or Headquarters Security Focal Point should, on behalf of the Executive Head, "
            "further encourage compliance with all United Nations security policies and procedures "
            "detailed in the references listed, and with the other security directives of the "
            "individual organization."
        ),
    ),
    (
        10,
        ("hq_focal_point",),
        (
            "在所有方面，各组织高级安全主管和（或）总部安全联络员将在联合国安全管理制度框架内运作，"
            "向安协办提供支助。此外，还将根据商定的《施政机制职权范围》，在机构间警卫管理网代表组织"
            "。"
        ),
        (
            "In all respects, the Senior Security Managers and/or Headquarters Security Focal "
            "Points of the organizations will operate within the framework of the United Nations "
            "security management system and support UNSECOORD. In addition, they will represent "
            "their organization in the Inter-Agency Security Management Network in accordance with "
            "the agreed Terms of Reference for the governance mechanisms."
        ),
    ),
    (
        11,
        ("hq_focal_point", "personnel"),
        (
            "凡不遵守以上强调的安全指示的组织雇员都必须通过高级安全主管和（或）总部安全联络员及其上"
            "司，以书面形式向行政首长解释不遵守的原因。"
        ),
        (
            "Any staff member of an organization who does not comply with the security "
            "instructions highlighted above must explain the reasons for non-compliance in writing "
            "to the Executive Head, through the Senior Security Manager and/or Headquarters "
            "Security Focal Point and his or her supervisor."
        ),
    ),
    (
        12,
        ("hq_focal_point",),
        (
            "高级安全主管和（或）总部安全联络员应确保根据机构间协定，由安协办检查并批准部署单个机构"
            "所有专业外勤警卫候选人。联合国安全协调员将核实专业外勤警卫受过训练，了解联合国最新程序"
            "，并接受履行职务方面的技术指导。"
        ),
        (
            "The Senior Security Manager and/or Headquarters Security Focal Point should ensure "
            "that, in accordance with inter-agency agreements, all candidates for the single "
            "agency's professional field security officer posts are screened and cleared for "
            "deployment by UNSECOORD. The United Nations Security Coordinator will verify that "
            "professional field security officers are trained, know the latest United Nations "
            "procedures and receive technical guidance in performing their duties."
        ),
    ),
    (
        13,
        ("hq_focal_point",),
        (
            "安协办、高级安全主管和（或）总部安全联络员应审查所有工作地点和机构外地办事处的安全安排"
            "，并保留所有有关的指示、《最低业务安全标准》及如必要特定国家安全计划的副本。外地安全协"
            "调人应酌情向国家代表提出建议，并应要求向安协办外地安全协调干事提供帮助。"
        ),
        (
            "UNSECOORD and the Senior Security Managers and/or Headquarters Security Focal Points "
            "should review the security arrangements of all duty stations and of the "
            "organizations' field offices, and keep copies of all relevant instructions, of the "
            "Minimum Operating Security Standards and, where necessary, of country-specific "
            "security plans. Field security focal points should advise country representatives as "
            "appropriate and, on request, assist UNSECOORD's Field Security Coordination Officers."
        ),
    ),
    (
        14,
        ("hq_focal_point",),
        (
            "所有负责规划和批准外地项目、方案和任务的机构主管将与高级安全主管和（或）总部安全联络员"
            "和国家代表密切联系，确保为安全保障安排做出适当规定，应包括：联合国系统雇员及其合格家属"
            "在开始旅行之前必须进行安全保密检查；确保这些人抵达工作地点之后听取安全情况介绍和国情介"
            "绍。必须提供最新、准确的国内安全状况信息。高级安全主管和（或）总部安全联络员可在这些方"
            "面随时提供帮助。"
        ),
        (
            "All managers of the organizations responsible for planning and approving field "
            "projects, programmes and missions will liaise closely with the Senior Security "
            "Manager and/or Headquarters Security Focal Point and the country representatives to "
            "ensure that appropriate provision is made for safety and security arrangements, which "
            "should include: security clearance for personnel of the United Nations system and "
            "their eligible dependants before they begin travel; and ensuring that they receive "
            "security and country briefings after arriving at the duty station. Current and "
            "accurate information on the security situation in the country must be provided. The "
            "Senior Security Manager and/or Headquarters Security Focal Point can help at any time "
            "in these respects."
        ),
    ),
    (
        15,
        ("country_representative",),
        (
            "国家代表或被其提名者应检查包括外地活动在内的所有项目、方案和任务，以确保遵守联合国安全"
            "程序，核实已为工作人员的安全做出适当规定。这要求在外地项目文件中纳入说明国家危险评估的"
            "段落。"
        ),
        (
            "The country representative or his or her nominee should review all projects, "
            "programmes and missions, including field activities, to ensure compliance with United "
            "Nations security procedures and verify that appropriate provision has been made for "
            "the safety of staff. This requires that field project documents include a paragraph "
            "setting out the country risk assessment."
        ),
    ),
    (
        16,
        ("country_representative",),
        (
            "国家代表就雇员及其合格家属的安全保障和福利对行政首长负责。此外，国家代表还酌情负责保护"
            "属于组织或联合国的所有资产、财产和资料。所有监督人员都将对这项任务负责。"
        ),
        (
            "The country representative is accountable to the Executive Head for the safety, "
            "security and welfare of personnel and their eligible dependants. In addition, the "
            "country representative is also responsible, as appropriate, for protecting all "
            "assets, property and information belonging to the organization or to the United "
            "Nations. All supervisory staff will be responsible for this task."
        ),
    ),
    (
        17,
        ("personnel",),
        (
            "所有主管和工作人员都必须了解以上所列参考资料的内容，遵循其中的指示和建议。可通过高级安"
            "全主管和（或）总部安全联络员要求提供复印件。"
        ),
        (
            "All managers and staff must know the contents of the references listed above and "
            "follow the instructions and recommendations they contain. Copies may be requested "
            "through the Senior Security Manager and/or Headquarters Security Focal Point."
        ),
    ),
    (
        18,
        ("country_representative",),
        (
            "国家代表负责确保受他们监督的人员及其合格家属遵守联合国安全政策、规则和条例及任何组织指"
            "示。"
        ),
        (
            "Country representatives are responsible for ensuring that the personnel under their "
            "supervision and their eligible dependants comply with United Nations security "
            "policies, rules and regulations and with any organizational instructions."
        ),
    ),
    (
        19,
        ("country_representative",),
        (
            "任何主管都不应直接或间接指示或要求任何工作人员无视安全政策、规则、条例或指示，绝不应在"
            "知情的情况下允许工作人员冒不必要的风险。应根据有关工作人员细则和惩戒程序，追究违反此项"
            "规定主管的责任。"
        ),
        (
            "No manager should directly or indirectly instruct or require any staff member to "
            "disregard security policies, rules, regulations or instructions, nor ever knowingly "
            "allow staff to take unnecessary risks. Managers who breach this provision will be "
            "held accountable under the relevant staff rules and disciplinary procedures."
        ),
    ),
    (
        20,
        ("personnel",),
        (
            "联合国系统各组织雇员也对自己和同事的安全保障负责。因此，他们必须小心谨慎，避免冒可能会"
            "危及自己和其它工作人员的安全保障及机构资产、财产和资料的不必要风险。应根据有关工作人员"
            "细则和惩戒程序，追究不遵守安全政策、规则、条例和指示的工作人员的责任。"
        ),
        (
            "Personnel of the organizations of the United Nations system are also responsible for "
            "their own safety and security and that of their colleagues. They must therefore "
            "exercise care and caution and avoid unnecessary risks that could endanger their own "
            "safety and security or that of other staff, or the organization's assets, property "
            "and information. Staff who do not comply with security policies, rules, regulations "
            "and instructions will be held accountable under the relevant staff rules and "
            "disciplinary procedures."
        ),
    ),
    (
        21,
        ("designated_official", "smt"),
        (
            "秘书长将在每个国家任命 1名联合国指定官员，负责工作地点安全管理总体安排。指定官员将请安"
            "全管理小组就与安全有关的所有事项提出建议。安全管理小组将包括联合国所有组织的国家代表，"
            "酌情还包括有技术专长的其它人员。"
        ),
        (
            "The Secretary-General will appoint one United Nations Designated Official in each "
            "country, responsible for the overall security management arrangements at the duty "
            "station. The Designated Official will ask the Security Management Team for advice on "
            "all security-related matters. The Security Management Team will include the country "
            "representatives of all United Nations organizations and, as appropriate, other "
            "persons with technical expertise."
        ),
    ),
    (
        22,
        ("country_representative", "smt"),
        (
            "国家代表将积极参加安全管理小组的工作；可因特许缺席临时不交给此项任务。在这种情况下，应"
            "把此项任务交给副代表。参加安全管理小组要求每名成员都接受安协办提供的此类训练。这项职责"
            "将反映在有关的职务说明和职权范围中。"
        ),
        (
            "Country representatives will take an active part in the work of the Security "
            "Management Team; they may be temporarily relieved of this task only for authorized "
            "absence, in which case the task should be given to the deputy representative. "
            "Membership of the Security Management Team requires every member to receive the "
            "relevant training provided by UNSECOORD. This responsibility will be reflected in the "
            "relevant job descriptions and terms of reference."
        ),
    ),
    (
        23,
        ("country_representative", "smt"),
        (
            "所有国家代表都将以安全管理小组成员的身份，在各自国家协助指定官员拟订《最低业务安全标准"
            "》，其中包括《最低电信标准》。"
        ),
        (
            "All country representatives, as members of the Security Management Team, will assist "
            "the Designated Official in their respective countries in preparing the Minimum "
            "Operating Security Standards, including the Minimum Telecommunications Standards."
        ),
    ),
    (
        24,
        ("country_representative", "country_focal_point"),
        (
            "每名国家代表都将从自己的高级工作人员中指定 1名国家安全联络员。虽然可把与安全保障有关的"
            "日常任务交给国家安全联络员，但必须铭记这永远是国家代表保留的责任和义务。"
        ),
        (
            "Each country representative will designate a Country Security Focal Point from among "
            "his or her senior staff. Although day-to-day safety and security tasks may be "
            "delegated to the Country Security Focal Point, it must be borne in mind that they "
            "always remain the responsibility and obligation of the country representative."
        ),
    ),
    (
        25,
        ("executive_head",),
        (
            "因此，在这方面，行政首长将在有关高级工作人员协助下，确保按照高级安全主管/总部安全联络"
            "员的指导，在规划预算和分配资源时，拨出安全事务所需经费。通常这将包括国际和国家安全人员"
            "（警卫服务）、通讯、训练、个人防护设备、办公室安全系统和车辆安全设备。以此方式，能够有"
            "效地拟订、执行、维持和继续《最低业务安全标准》的要求。"
        ),
        (
            "Accordingly, in this regard, the Executive Head, assisted by the senior staff "
            "concerned, will ensure that, following the guidance of the Senior Security "
            "Manager/Headquarters Security Focal Point, the funds that security requires are set "
            "aside when budgets are planned and resources allocated. This will normally include "
            "international and national security personnel (guard services), communications, "
            "training, personal protective equipment, office security systems and vehicle safety "
            "equipment. In this way the requirements of the Minimum Operating Security Standards "
            "can be effectively developed, implemented, maintained and sustained."
        ),
    ),
    (
        26,
        ("country_representative", "hq_focal_point"),
        (
            "安协办将在每个工作地点经常为国家代表和联合国系统各组织所有雇员提供安全训练。具有安全训"
            "练能力的单个机构将确保对其工作人员的训练与安协办一致并得到安协办的认可。高级安全主管和"
            "（或）总部安全联络员将负责保存出勤记录。这些记录将帮助就高位地区工作人员做出决定，特别"
            "是在主要工作人员确定第三阶段之后。必须指出，参加安全训练是硬性规定。"
        ),
        (
            "UNSECOORD will regularly provide security training at each duty station for country "
            "representatives and all personnel of the organizations of the United Nations system. "
            "Individual organizations with security training capacity will ensure that the "
            "training of their staff is consistent with, and recognized by, UNSECOORD. Senior "
            "Security Managers and/or Headquarters Security Focal Points will be responsible for "
            "keeping attendance records. These records will help in taking decisions on staff in "
            "high-risk areas, especially after phase three has been declared for essential staff. "
            "It must be stressed that attendance at security training is mandatory."
        ),
    ),
    (
        27,
        ("personnel", "country_focal_point"),
        (
            "联合国系统各组织所有雇员及其合格家属因公前往正在实行某阶段安全计划的工作地点时，需按指"
            "定官员的要求进行安全保密检查。所有工作人员每次被部署到他们正常工作的城市地区之外时，都"
            "必须携带安全保密检查书面记录。这项工作应由每个办事处的安全联络员管理，在某些工作地点也"
            "是指定官员的规定。安全保障规划需要此项授权，以便随时了解联合国系统各组织雇员及其合格家"
            "属的行踪，这对确保《恶意行为保险政策》的追算也很必要。"
        ),
        (
            "All personnel of the organizations of the United Nations system and their eligible "
            "dependants travelling on official business to a duty station where a phase of the "
            "security plan is in effect require security clearance, as the Designated Official "
            "requires. All staff must carry a written record of their security clearance every "
            "time they are deployed outside the urban area where they normally work. This should "
            "be administered by the security focal point of each office, and at some duty stations "
            "it is also a requirement of the Designated Official. Security planning needs this "
            "authorization so that the whereabouts of personnel of the organizations of the United "
            "Nations system and their eligible dependants are known at all times; it is also "
            "necessary for ensuring recovery under the Malicious Acts Insurance Policy."
        ),
    ),
    (
        28,
        ("country_representative",),
        (
            "国家代表不经指定官员和高级安全主管和（或）总部安全联络员同意，无权开设办事分处、调动组"
            "织雇员及其合格家属或将活动推广到主要办公室管区之外。必须根据《最低业务安全标准》建立新"
            "的办事处和活动基地。"
        ),
        (
            "Country representatives have no authority to open sub-offices, move the "
            "organization's personnel and their eligible dependants, or extend activities beyond "
            "the main office area without the agreement of the Designated Official and the Senior "
            "Security Manager and/or Headquarters Security Focal Point. New offices and "
            "operational bases must be established in accordance with the Minimum Operating "
            "Security Standards."
        ),
    ),
    (
        29,
        ("country_representative", "personnel"),
        (
            "国家代表及其工作人员必须积极参加安全准备工作和应急规划，熟悉指定官员和安全管理小组制定"
            "并由安协办批准的安全计划内容和程序。现已酌情向高级安全主管和（或）总部安全联络员提供计"
            "划副本供参考。所有工作人员都应熟悉安全计划及其内容，必须遵守其各项规定。"
        ),
        (
            "Country representatives and their staff must take an active part in security "
            "preparedness and contingency planning, and be familiar with the contents and "
            "procedures of the security plan drawn up by the Designated Official and the Security "
            "Management Team and approved by UNSECOORD. Copies of the plan have been provided, as "
            "appropriate, to the Senior Security Managers and/or Headquarters Security Focal "
            "Points for reference. All staff should be familiar with the security plan and its "
            "contents, and must comply with its provisions."
        ),
    ),
]

# ¶24: the core competencies, in the seed's order. Each list is split on "、"; its closing "和"
# is the list's own "and" (A、B和C): 建立信任和业绩管理 are two competencies, as are
# 社会意识和人际交往技能 (¶24(d) lists 人际交往技能 alone), while an inner 和 stays
# (判断力和决策能力, 规划和组织 are one competency each).
# name_zh, name_en
COMPETENCY_LISTS: dict[str, list[tuple[str, str]]] = {
    # ¶24(a) 指定官员的关键能力应是
    "a": [
        ("忠诚", "Integrity"),
        ("负责", "Accountability"),
        ("判断力和决策能力", "Judgement and decision-making"),
        ("沟通", "Communication"),
        ("规划和组织", "Planning and organizing"),
        ("小组建设", "Team building"),
        ("战略眼光", "Strategic vision"),
        ("处理敏感问题", "Handling sensitive issues"),
        ("管理决策", "Managerial decision-making"),
        ("授权", "Delegation"),
        ("领导", "Leadership"),
        ("赋予他人权力", "Empowering others"),
        ("建立信任", "Building trust"),
        ("业绩管理", "Performance management"),
    ],
    # ¶24(c) 外勤安全协调干事和单个机构警卫的核心能力应是
    "c": [
        ("忠诚", "Integrity"),
        ("负责", "Accountability"),
        ("战略眼光", "Strategic vision"),
        ("分析思维", "Analytical thinking"),
        ("领导", "Leadership"),
        ("赋予他人权力", "Empowering others"),
        ("建立信任", "Building trust"),
        ("敏感", "Sensitivity"),
        ("沟通", "Communication"),
        ("协同工作", "Teamwork"),
        ("规划和组织", "Planning and organizing"),
        ("创造力", "Creativity"),
        ("社会意识", "Social awareness"),
        ("人际交往技能", "Interpersonal skills"),
    ],
    # ¶24(d) 地区协调员和地区主管的关键能力应是
    "d": [
        ("忠诚", "Integrity"),
        ("负责", "Accountability"),
        ("领导", "Leadership"),
        ("处理敏感问题", "Handling sensitive issues"),
        ("组织", "Organizing"),
        ("小组建设", "Team building"),
        ("沟通", "Communication"),
        ("规划", "Planning"),
        ("人际交往技能", "Interpersonal skills"),
    ],
}

# role, ¶24 item it is listed under, list it holds. ¶24(b): the country representative's
# competencies are "similar to the Designated Official's", so it holds list (a).
COMPETENCY_HOLDERS: list[tuple[str, str, str]] = [
    ("designated_official", "a", "a"),
    ("country_representative", "b", "a"),
    ("fsco", "c", "c"),
    ("agency_security_officer", "c", "c"),
    ("area_coordinator", "d", "d"),
    ("warden", "d", "d"),
]


def responsibility_rows() -> list[dict[str, object]]:
    """Every Responsibility row, keyed by role code (the migration resolves the Role)."""
    rows: list[dict[str, object]] = [
        {
            "role": REPORT_ROLES[paragraph],
            "source": "report",
            "paragraph": paragraph,
            "letter": letter,
            "text_zh": text_zh,
            "text_en": text_en,
        }
        for paragraph, letter, text_zh, text_en in REPORT_ITEMS
    ]
    rows += [
        {
            "role": role,
            "source": "annex",
            "paragraph": paragraph,
            "letter": "",
            "text_zh": text_zh,
            "text_en": text_en,
        }
        for paragraph, roles, text_zh, text_en in ANNEX_PARAGRAPHS
        for role in roles
    ]
    return rows


def competency_rows() -> list[dict[str, object]]:
    """Every Competency row, keyed by role code; position counts from 1 within each role."""
    return [
        {
            "role": role,
            "paragraph_letter": item,
            "position": position,
            "name_zh": name_zh,
            "name_en": name_en,
        }
        for role, item, key in COMPETENCY_HOLDERS
        for position, (name_zh, name_en) in enumerate(COMPETENCY_LISTS[key], start=1)
    ]
