package demo

// samplePages returns the sample vendors' terms. Section and paragraph numbers
// in Edits count from 0.
func samplePages() []Page {
	return []Page{
		{
			Vendor: "Acme CRM", Type: "Terms of Service", Path: "/acme/terms", Title: "Acme CRM Terms of Service",
			Sections: []Section{
				{"1. The Service", []string{
					"These Terms of Service govern your access to and use of the Acme CRM platform, its mobile applications and its APIs (the \"Service\"). By creating an account you agree to these Terms on behalf of the organisation you represent.",
					"We may update the Service from time to time, provided that we do not materially reduce its core functionality during your subscription term.",
				}},
				{"2. Fees and Payment", []string{
					"You will pay the fees stated in your order form. Fees are invoiced annually in advance and are due within thirty (30) days of the invoice date.",
					"Late payments bear interest at the rate of one percent (1%) per month or the highest rate permitted by law, whichever is lower.",
				}},
				{"3. Your Data", []string{
					"You retain all rights in the data you submit to the Service. We process it only to provide the Service and as described in our Data Processing Addendum.",
				}},
				{"4. Indemnification", []string{
					"You will defend, indemnify and hold harmless Acme and its affiliates from and against any third-party claim arising from your breach of these Terms.",
				}},
				{"5. Limitation of Liability", []string{
					"TO THE MAXIMUM EXTENT PERMITTED BY LAW, NEITHER PARTY WILL BE LIABLE FOR ANY INDIRECT, INCIDENTAL, SPECIAL OR CONSEQUENTIAL DAMAGES, OR FOR ANY LOSS OF PROFITS, REVENUE OR DATA.",
					"Each party's total liability arising out of or relating to these Terms will not exceed the greater of one thousand US dollars (US $1,000) or the fees paid by you in the twelve (12) months before the claim. This limitation does not apply to a party's gross negligence or wilful misconduct.",
				}},
				{"6. Term and Termination", []string{
					"Either party may terminate these Terms on thirty (30) days' written notice if the other party materially breaches them and does not cure the breach within that period.",
				}},
			},
			Edits: map[int]map[string]string{
				2: {"4/1": "Each party's total liability arising out of or relating to these Terms will not exceed the lesser of one hundred US dollars (US $100) or the fees paid by you in the six (6) months before the claim. This limitation does not apply to a party's gross negligence or wilful misconduct."},
				3: {"1/0": "You will pay the fees stated in your order form. Fees are invoiced annually in advance and are due within fifteen (15) days of the invoice date."},
			},
		},
		{
			Vendor: "Globex Mail", Type: "Customer Agreement", Path: "/globex/agreement", Title: "Globex Mail Customer Agreement",
			Sections: []Section{
				{"1. Scope", []string{
					"This Customer Agreement applies to the Globex Mail e-mail marketing service and to any professional services Globex provides to you under an order.",
				}},
				{"2. Acceptable Use", []string{
					"You will not use the service to send unsolicited messages, to harvest addresses, or in breach of applicable anti-spam law.",
				}},
				{"3. Indemnification", []string{
					"You agree to indemnify and hold harmless Globex from any claims, losses and expenses arising from your breach of this Agreement.",
					"Globex will control the defence of any claim and you will cooperate with Globex at your own expense.",
				}},
				{"4. Limitation of Liability", []string{
					"In no event will Globex be liable for any consequential, incidental or punitive damages. Globex's aggregate liability will not exceed the fees you paid in the twelve (12) months preceding the event giving rise to the claim.",
				}},
			},
			Edits: map[int]map[string]string{
				1: {"2/0": "You agree to indemnify, defend and hold harmless Globex and its affiliates from any claims, losses and expenses arising from your use of the service, your content or your breach of this Agreement."},
			},
		},
		{
			Vendor: "Initech Cloud", Type: "Terms of Service", Path: "/initech/terms", Title: "Initech Cloud Terms",
			Sections: []Section{
				{"1. Accounts", []string{
					"You are responsible for the activity on your account and for keeping your credentials confidential.",
				}},
				{"2. Support", []string{
					"Support is available by e-mail on business days. We aim to answer within one business day.",
				}},
				{"3. Limitation of Liability", []string{
					"Initech's total liability under these terms shall not exceed EUR 5,000, except for liability arising from gross negligence, wilful misconduct or death or personal injury.",
				}},
			},
			Edits: map[int]map[string]string{
				1: {"1/0": "Support is available by e-mail and chat on business days. We aim to answer within four business hours."},
				2: {"2/0": "INITECH'S TOTAL LIABILITY UNDER THESE TERMS SHALL NOT EXCEED EUR 5,000, EXCEPT FOR LIABILITY ARISING FROM GROSS NEGLIGENCE, WILFUL MISCONDUCT OR DEATH OR PERSONAL INJURY."},
				// Revision 3 rolls both edits back: a flip-flop to the first version.
				3: {
					"1/0": "Support is available by e-mail on business days. We aim to answer within one business day.",
					"2/0": "Initech's total liability under these terms shall not exceed EUR 5,000, except for liability arising from gross negligence, wilful misconduct or death or personal injury.",
				},
			},
		},
		{
			Vendor: "Hooli Docs", Type: "Data Processing Addendum", Path: "/hooli/dpa", Title: "Hooli Docs Data Processing Addendum",
			Sections: []Section{
				{"1. Processing", []string{
					"Hooli processes customer personal data only on the customer's documented instructions and for the purposes of providing the service.",
				}},
				{"2. Sub-processors", []string{
					"Hooli will give at least thirty (30) days' notice before engaging a new sub-processor, during which the customer may object.",
				}},
			},
			GoneFrom: 2,
		},
	}
}
