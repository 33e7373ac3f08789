//go:build !purego

#include "textflag.h"

// BCAST sets the 32 bytes of Y to the byte c, through AX.
#define BCAST(c, X, Y) \
	MOVQ $c, AX \
	VMOVQ AX, X \
	VPBROADCASTB X, Y

// func strRunVec(b []byte) int
//
// The first '"', '\\' or control byte (below 0x20) in b's whole blocks of
// 32 bytes: a byte is a control byte iff min(byte, 0x1f) equals it.
TEXT ·strRunVec(SB), NOSPLIT, $0-32
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	XORQ DX, DX
	BCAST(0x22, X1, Y1)
	BCAST(0x5c, X2, Y2)
	BCAST(0x1f, X3, Y3)
	SUBQ $32, CX

strloop:
	CMPQ DX, CX
	JGT none
	VMOVDQU (SI)(DX*1), Y0
	VPCMPEQB Y0, Y1, Y4
	VPCMPEQB Y0, Y2, Y5
	VPMINUB Y0, Y3, Y6
	VPCMPEQB Y0, Y6, Y6
	VPOR Y4, Y5, Y4
	VPOR Y4, Y6, Y4
	VPMOVMSKB Y4, AX
	TESTL AX, AX
	JNZ found
	ADDQ $32, DX
	JMP strloop

found:
	BSFL AX, AX
	ADDQ DX, AX
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

none:
	VZEROUPPER
	MOVQ DX, ret+24(FP)
	RET

// func structRunVec(b []byte) int
//
// The first '"', '{', '}', '[' or ']' in b's whole blocks of 32 bytes: a
// byte or'ed with 0x20 is '{' iff it is '{' or '[', '}' iff '}' or ']'.
TEXT ·structRunVec(SB), NOSPLIT, $0-32
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	XORQ DX, DX
	BCAST(0x22, X1, Y1)
	BCAST(0x7b, X2, Y2)
	BCAST(0x7d, X3, Y3)
	BCAST(0x20, X7, Y7)
	SUBQ $32, CX

structloop:
	CMPQ DX, CX
	JGT snone
	VMOVDQU (SI)(DX*1), Y0
	VPCMPEQB Y0, Y1, Y4
	VPOR Y0, Y7, Y6
	VPCMPEQB Y6, Y2, Y5
	VPCMPEQB Y6, Y3, Y6
	VPOR Y4, Y5, Y4
	VPOR Y4, Y6, Y4
	VPMOVMSKB Y4, AX
	TESTL AX, AX
	JNZ sfound
	ADDQ $32, DX
	JMP structloop

sfound:
	BSFL AX, AX
	ADDQ DX, AX
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

snone:
	VZEROUPPER
	MOVQ DX, ret+24(FP)
	RET

// func braceRunVec(b []byte) int
//
// The first '{', '}' or control byte in b's whole blocks of 32 bytes.
TEXT ·braceRunVec(SB), NOSPLIT, $0-32
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	XORQ DX, DX
	BCAST(0x7b, X1, Y1)
	BCAST(0x7d, X2, Y2)
	BCAST(0x1f, X3, Y3)
	SUBQ $32, CX

braceloop:
	CMPQ DX, CX
	JGT bnone
	VMOVDQU (SI)(DX*1), Y0
	VPCMPEQB Y0, Y1, Y4
	VPCMPEQB Y0, Y2, Y5
	VPMINUB Y0, Y3, Y6
	VPCMPEQB Y0, Y6, Y6
	VPOR Y4, Y5, Y4
	VPOR Y4, Y6, Y4
	VPMOVMSKB Y4, AX
	TESTL AX, AX
	JNZ bfound
	ADDQ $32, DX
	JMP braceloop

bfound:
	BSFL AX, AX
	ADDQ DX, AX
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

bnone:
	VZEROUPPER
	MOVQ DX, ret+24(FP)
	RET
