//go:build !purego

#include "textflag.h"

// func lastNLVec(b []byte) int
//
// The index of the last '\n' in b, which holds at least 32 bytes, or -1:
// 32 bytes at a time from the end, then the first len(b)%32 bytes from a
// load at b[0] that overlaps the block after them.
TEXT ·lastNLVec(SB), NOSPLIT, $0-32
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	MOVQ $0x0a, AX
	VMOVQ AX, X1
	VPBROADCASTB X1, Y1

loop:
	CMPQ CX, $32
	JLT head
	VPCMPEQB -32(SI)(CX*1), Y1, Y2
	VPMOVMSKB Y2, AX
	TESTL AX, AX
	JNZ found
	SUBQ $32, CX
	JMP loop

found:
	BSRL AX, AX
	LEAQ -32(CX)(AX*1), AX
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

head:
	// CX < 32 bytes left at b[0:]: those of the mask below bit CX.
	VPCMPEQB (SI), Y1, Y2
	VPMOVMSKB Y2, AX
	VZEROUPPER
	MOVL $1, DX
	SHLL CX, DX
	DECL DX
	ANDL DX, AX
	JZ none
	BSRL AX, AX
	MOVQ AX, ret+24(FP)
	RET

none:
	MOVQ $-1, ret+24(FP)
	RET
